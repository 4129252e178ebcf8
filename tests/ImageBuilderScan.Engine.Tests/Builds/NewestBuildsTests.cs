using ImageBuilderScan.Emulator;
using ImageBuilderScan.Engine.Tests.Integration;

namespace ImageBuilderScan.Engine.Tests.Builds;

/// <summary>
/// The listings' image version ARNs resolved to their newest builds (NewestBuilds over BuildScans.SelectAsync) against
/// the emulator: in input order whatever each request takes, at most the limit in flight (held requests and the
/// emulator's request log, never a time), the first alone, anything but a version passed through with nothing sent.
/// </summary>
public sealed class NewestBuildsTests
{
    private static Task<EmulatorServer> Start() =>
        EmulatorServer.StartAsync(new EmulatorOptions { Accounts = 1, PipelinesPerAccount = 10, ImagesPerPipeline = 2, FindingsPerImage = 1 });

    /// <summary>Every image version of the data, newest build last in each group, and the build each stands for.</summary>
    private static List<(string Version, string Newest)> Versions(EmulatorServer server) => server.Data.Images
        .GroupBy(i => i.Arn[..i.Arn.LastIndexOf('/')])
        .Select(g => (g.Key, g.OrderBy(i => i.DateCreated).ThenBy(i => i.Build).Last().Arn))
        .OrderByDescending(v => v.Key, StringComparer.Ordinal)
        .ToList();

    private static NewestBuilds Resolver(ImageBuilderScanClient client, int limit, List<string>? verbose = null) =>
        new(new BuildScans(client, new ScanLog((_, m) => { if (verbose is not null) lock (verbose) verbose.Add(m); })), "ImageBuildVersionArn", limit);

    [Fact(Timeout = 60_000)]
    public async Task Versions_come_back_in_input_order_as_their_newest_builds_when_an_early_one_is_slow()
    {
        await using var server = await Start();
        var versions = Versions(server);
        Assert.True(versions.Count >= 6, $"the data has {versions.Count} image versions");
        using var client = Emulated.Client(server);
        // The second request (the first of the open window) answers after the ones started with it.
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, Operation = EmulatorOperation.ListImageBuildVersions, OnRequest = 2, LatencyMs = 500 });
        var build = server.Data.Images[0].Arn;
        var names = versions.Select(v => v.Version).Prepend(build).ToList();
        var verbose = new List<string>();
        server.Requests.Reset();

        var results = new List<NewestBuild>();
        await foreach (var r in Resolver(client, 4, verbose).ResolveAsync(names, CancellationToken.None)) results.Add(r);

        Assert.Equal(names, results.Select(r => r.Name));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(versions.Select(v => v.Newest).Prepend(build), results.Select(r => r.ImageBuildVersionArn));
        // A build ARN stands for itself: one request per version, none for the build.
        Assert.Equal(versions.Count, server.Requests.BuildVersions);
        Assert.Equal(versions.Count, server.Requests.Total);
        foreach (var (version, newest) in versions) Assert.Contains(verbose, line => line.StartsWith($"The newest build of the image version {version} is {newest}", StringComparison.Ordinal));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task At_most_the_limit_are_in_flight_and_the_first_alone(int limit)
    {
        await using var server = await Start();
        var versions = Versions(server).Select(v => v.Version).ToList();
        using var client = Emulated.Client(server, maxAttempts: 1);
        // Every request after the first is held until the test stops the resolver.
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, Operation = EmulatorOperation.ListImageBuildVersions, OnRequest = 2, MaxCount = 1000, LatencyMs = 60_000 });
        server.Requests.Reset();
        using var stop = new CancellationTokenSource();
        var results = Resolver(client, limit).ResolveAsync(versions, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            Assert.True(await results.MoveNextAsync());
            // Taken alone: the first result needed the first request only.
            Assert.Equal(1, server.Requests.BuildVersions);
            var next = results.MoveNextAsync().AsTask();
            // Coming back for more opens the window: the limit's requests arrive and are held.
            await Until(() => InFlight(server) >= limit);
            Assert.Equal(1 + limit, server.Requests.BuildVersions);
            Assert.False(next.IsCompleted);
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        }
        finally
        {
            await results.DisposeAsync();
        }

        // Every held request ended by the client hanging up, and none was sent beyond the limit meanwhile.
        await Until(() => InFlight(server) == 0);
        Assert.Equal(limit, server.Requests.Recent.Count(r => r.ClientAborted));
        Assert.Equal(1 + limit, server.Requests.BuildVersions);
    }

    [Fact]
    public async Task Names_that_are_no_image_version_pass_as_they_are_with_nothing_sent_and_a_version_without_build_is_its_error()
    {
        await using var server = await Start();
        using var client = Emulated.Client(server);
        var build = server.Data.Images[0].Arn;
        var none = build[..build.LastIndexOf('/')][..build[..build.LastIndexOf('/')].LastIndexOf('/')] + "/9.9.9";
        server.Requests.Reset();
        var results = new List<NewestBuild>();
        await foreach (var r in Resolver(client, 4).ResolveAsync([build, "CVE-2025-38064", none], CancellationToken.None)) results.Add(r);

        Assert.Equal([build, "CVE-2025-38064", null], results.Select(r => r.ImageBuildVersionArn));
        Assert.Equal("NoBuild", Assert.IsType<ScanStateException>(results[2].Error).ErrorId);
        Assert.Equal(1, server.Requests.Total);
    }

    private static int InFlight(EmulatorServer server) =>
        server.Requests.Recent.Count(r => r.Operation == EmulatorOperation.ListImageBuildVersions && !r.Completed);

    /// <summary>Waits for an event the request log shows; a build that never shows it fails the test after a minute
    /// (xunit has no timeout of its own, and a wait that never ends would hang the whole run).</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the request log never showed the awaited event");
            await Task.Delay(5);
        }
    }
}
