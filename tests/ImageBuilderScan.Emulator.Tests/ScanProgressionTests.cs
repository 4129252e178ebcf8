namespace ImageBuilderScan.Emulator.Tests;

/// <summary>
/// Scans that advance over time (--scan-progress, POST /_emulator/scans) and ListImageBuildVersions: what -WaitForScan
/// and an image version ARN need from the emulator. Time is the server's clock, moved by the test.
/// </summary>
public sealed class ScanProgressionTests
{
    private const string Web150 = "arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.5.0/1";

    private static async Task<(string? Image, string? Scan)> StateAsync(EmulatorCaller caller)
    {
        var image = (await caller.GetImage(Web150)).Json["image"]!;
        return (image["state"]!["status"]!.GetValue<string>(), image["scanState"]?["status"]?.GetValue<string>());
    }

    /// <summary>An emulator's clock held at <see cref="Start"/> until the test moves it.</summary>
    private sealed class HeldClock(EmulatorServer server, DateTimeOffset start)
    {
        public DateTimeOffset Start => start;

        /// <summary>Holds the server's clock at now.</summary>
        public static HeldClock Hold(EmulatorServer server)
        {
            var now = DateTimeOffset.UtcNow;
            server.Clock = () => now;
            return new HeldClock(server, now);
        }

        /// <summary>Holds the clock just past <paramref name="ms"/> milliseconds after the start.</summary>
        public void MoveTo(int ms) => server.Clock = () => start.AddMilliseconds(ms + 1);
    }

    [Fact]
    public async Task A_started_scan_is_served_building_then_pending_scanning_collecting_then_its_final_state()
    {
        await using var sample = await ControlledSample.StartAsync();
        var clock = HeldClock.Hold(sample.Server);
        Assert.Equal(200, await sample.PostAsync("/_emulator/scans", $$"""{"imageBuildVersionArn":"{{Web150}}","stepMs":1000,"building":true}"""));

        var seen = new List<(string?, string?)>();
        foreach (var ms in new[] { 0, 1000, 2000, 3000, 4000, 60000 })
        {
            clock.MoveTo(ms);
            seen.Add(await StateAsync(sample.Caller));
        }

        Assert.Equal([("BUILDING", null), ("AVAILABLE", "PENDING"), ("AVAILABLE", "SCANNING"), ("AVAILABLE", "COLLECTING"), ("AVAILABLE", "COMPLETED"), ("AVAILABLE", "COMPLETED")], seen);
        var listed = (await sample.GetAsync("/_emulator/scans")).AsArray();
        Assert.Equal("COMPLETED", listed.Single()!["state"]!.GetValue<string>());
        Assert.Equal(200, (int)(await sample.Control.DeleteAsync("/_emulator/scans")).StatusCode);
        Assert.Empty((await sample.GetAsync("/_emulator/scans")).AsArray());
    }

    [Fact]
    public async Task A_scan_stepping_by_reads_moves_on_after_that_many_GetImage_answers_whatever_the_clock_and_listings_do_not_move_it()
    {
        // The clock never moves: only GetImage answers advance the scan, so a test sees every state however slowly it polls.
        await using var sample = await ControlledSample.StartAsync();
        var caller = sample.Caller;
        HeldClock.Hold(sample.Server);
        Assert.Equal(200, await sample.PostAsync("/_emulator/scans", $$"""{"imageBuildVersionArn":"{{Web150}}","stepReads":2,"building":true}"""));

        var seen = new List<(string?, string?)>();
        for (var i = 0; i < 10; i++)
        {
            // A listing of the version's builds between the answers reads the state without advancing it.
            await caller.BuildVersions(new { imageVersionArn = Web150[..Web150.LastIndexOf('/')] });
            seen.Add(await StateAsync(caller));
        }

        Assert.Equal([("BUILDING", null), ("BUILDING", null), ("AVAILABLE", "PENDING"), ("AVAILABLE", "PENDING"), ("AVAILABLE", "SCANNING"),
            ("AVAILABLE", "SCANNING"), ("AVAILABLE", "COLLECTING"), ("AVAILABLE", "COLLECTING"), ("AVAILABLE", "COMPLETED"), ("AVAILABLE", "COMPLETED")], seen);
        Assert.Equal(2, EmulatorCommandLine.Parse(["--scan-progress", Web150 + ",step-reads=2"], out _).ScanProgressions[0].StepReads);
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--scan-progress", Web150 + ",step-reads=0"], out _));
    }

    [Fact]
    public async Task The_pipeline_and_version_listings_serve_each_build_in_the_state_GetImage_serves()
    {
        // A build still being made is BUILDING in every answer about it, not only in GetImage (a newest-build choice
        // made from the listing sees what a wait then sees); its neighbours stay as they are.
        await using var sample = await ControlledSample.StartAsync();
        var caller = sample.Caller;
        var clock = HeldClock.Hold(sample.Server);
        sample.Server.Scans.Start(new ScanProgression { ImageBuildVersionArn = Web150, StepMs = 1000, Building = true }, clock.Start);
        const string pipeline = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023";
        async Task<IReadOnlyList<(string Arn, string State)>> ListedAsync(Task<Reply> reply) =>
            (await reply).Json["imageSummaryList"]!.AsArray().Select(i => (i!["arn"]!.GetValue<string>(), i["state"]!["status"]!.GetValue<string>())).ToList();

        foreach (var (ms, expected) in new[] { (0, "BUILDING"), (1500, "AVAILABLE") })
        {
            clock.MoveTo(ms);
            var fromGetImage = (await StateAsync(caller)).Image;
            var inPipeline = await ListedAsync(caller.PipelineImages(new { imagePipelineArn = pipeline }));
            var inVersion = await ListedAsync(caller.BuildVersions(new { imageVersionArn = Web150[..Web150.LastIndexOf('/')] }));

            Assert.Equal(expected, fromGetImage);
            Assert.Equal(expected, inPipeline.Single(i => i.Arn == Web150).State);
            Assert.Equal(expected, inVersion.Single(i => i.Arn == Web150).State);
            Assert.All(inPipeline.Where(i => i.Arn != Web150), i => Assert.Equal("AVAILABLE", i.State));
        }
    }

    [Fact]
    public async Task The_command_line_starts_scans_with_the_emulator_and_bad_ones_are_refused()
    {
        var options = EmulatorCommandLine.Parse(["--scan-progress", $"{Web150},step-ms=50,final=failed", "--scan-progress", Web150 + ",building"], out _);
        Assert.Equal(2, options.ScanProgressions.Count);
        Assert.Equal((50, "FAILED", false), (options.ScanProgressions[0].StepMs, options.ScanProgressions[0].Final, options.ScanProgressions[0].Building));
        Assert.Equal((1000, "COMPLETED", true), (options.ScanProgressions[1].StepMs, options.ScanProgressions[1].Final, options.ScanProgressions[1].Building));
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--scan-progress", Web150 + ",final=SCANNING"], out _));
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--scan-progress", Web150 + ",step-ms=0"], out _));
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--scan-progress", Web150 + ",speed=2"], out _));
        Assert.Contains("--scan-progress", EmulatorCommandLine.Help());

        await using var sample = ControlledSample.Over(await EmulatorServer.StartAsync(new EmulatorOptions
        {
            DataFile = TestData.SamplePath, ScanProgressions = [new ScanProgression { ImageBuildVersionArn = Web150, StepMs = 3_600_000 }],
        }));
        Assert.Equal(("AVAILABLE", "PENDING"), await StateAsync(sample.Caller));
        Assert.Equal(400, await sample.PostAsync("/_emulator/scans", """{"stepMs":5}"""));
    }

    [Fact]
    public async Task ListImageBuildVersions_lists_an_image_versions_builds_newest_first_and_checks_its_input()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.BuildVersions(new { imageVersionArn = "arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.5.0" });
        Assert.Equal(200, reply.Status);
        Assert.Equal([Web150], reply.Json["imageSummaryList"]!.AsArray().Select(i => i!["arn"]!.GetValue<string>()));
        Assert.Equal(1, server.Requests.BuildVersions);
        var none = await caller.BuildVersions(new { imageVersionArn = "arn:aws:imagebuilder:us-east-1:111122223333:image/nothing-here/1.0.0" });
        Assert.Empty(none.Json["imageSummaryList"]!.AsArray());
        Assert.Equal("InvalidRequestException", (await caller.BuildVersions(new { imageVersionArn = Web150 })).ErrorType);
        Assert.Equal("InvalidRequestException", (await caller.BuildVersions(new { maxResults = 1 })).ErrorType);
    }
}
