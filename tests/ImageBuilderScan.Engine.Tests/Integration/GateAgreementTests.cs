using System.Text.Json;
using System.Text.Json.Nodes;
using ImageBuilderScan.Emulator;
using ImageBuilderScan.Engine.Tests.Gate;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// The findings the gate judges must agree with the service's image aggregation: each finding once, as many in all and
/// as many CRITICAL, HIGH and MEDIUM each; and with -WaitForScan a build's count comes from a request sent after its
/// scan settled. Against the emulator (its request log is the evidence of order, never a sleep).
/// </summary>
public sealed class GateAgreementTests : IAsyncLifetime
{
    // Two builds of one pipeline, in one count group.
    private const string First = TestFindings.Image, Second = TestFindings.NextImage;
    private static readonly GatePolicy Lenient = new() { FailOn = FindingSeverity.Critical, MaxCount = new Dictionary<FindingSeverity, int> { [FindingSeverity.Critical] = 100 } };

    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var findings = new JsonArray(
            Finding(First, "CVE-2025-0001", "CRITICAL", "openssl"), Finding(First, "CVE-2025-0002", "LOW", "zlib"),
            Finding(Second, "CVE-2025-0003", "HIGH", "curl"));
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { DataJson = new JsonObject { ["findings"] = findings }.ToJsonString() });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // The wire's form of what TestFindings builds by hand: the emulator serves it as is.
    private static JsonObject Finding(string image, string id, string severity, string package)
    {
        var built = TestFindings.Finding(id, severity, package, arn: image);
        return new JsonObject
        {
            ["awsAccountId"] = "111122223333", ["imageBuildVersionArn"] = image, ["imagePipelineArn"] = built.ImagePipelineArn, ["type"] = "PACKAGE_VULNERABILITY",
            ["title"] = built.Title, ["severity"] = severity,
            ["packageVulnerabilityDetails"] = new JsonObject
            {
                ["vulnerabilityId"] = id,
                ["vulnerablePackages"] = new JsonArray(built.VulnerablePackages.Select(p => (JsonNode)new JsonObject
                {
                    ["name"] = p.Name, ["version"] = p.Version, ["release"] = p.Release, ["arch"] = p.Arch,
                }).ToArray()),
            },
        };
    }

    private static async Task<List<ScanFinding>> ListAsync(ImageBuilderScanClient client, string image) =>
        (await new BuildScans(client).FindingsAsync(image, "ImageBuildVersionArn", default)).ToList();

    private static async Task<GateResult> HandInAsync(ImageBuilderScanClient client, IReadOnlyList<ScanFinding> findings) =>
        Assert.Single(await new ScanGate(client, new GateEvaluator()).EvaluateFindingsAsync(findings, [], Lenient, null).ToListAsync());

    [Fact]
    public async Task A_finding_handed_in_twice_is_refused_before_anything_is_asked_though_the_total_matches()
    {
        using var client = Emulated.Client(_server);
        var listed = await ListAsync(client, First);
        var low = Assert.Single(listed, f => f.Severity == "LOW");
        Assert.True(GateExit.IsJudged(await HandInAsync(client, listed)));

        var before = _server.Requests.Total;
        // [LOW, LOW] where the service holds [CRITICAL, LOW]: two findings, as the service counts in all.
        var result = await HandInAsync(client, [low, low]);
        Assert.False(GateExit.IsJudged(result));
        Assert.False(result.Passed);
        Assert.Contains("1 finding(s) were handed in more than once (the first: CVE-2025-0002 in zlib", result.ScanProblem);
        Assert.Equal(before, _server.Requests.Total);
    }

    [Fact]
    public async Task A_copy_whose_severity_was_lowered_is_refused_naming_the_severity()
    {
        using var client = Emulated.Client(_server);
        var listed = await ListAsync(client, First);
        var edited = listed.Select(f => f.Severity == "CRITICAL" ? f with { Severity = "LOW" } : f).ToList();
        var result = await HandInAsync(client, edited);
        Assert.False(GateExit.IsJudged(result));
        Assert.Contains("0 CRITICAL finding(s) were handed in, but the service counts 1 CRITICAL for this image", result.ScanProblem);
        Assert.Contains("severity was changed", result.ScanProblem);
    }

    [Fact]
    public async Task With_a_wait_each_builds_count_is_asked_after_its_scan_settled()
    {
        // One group of two builds. One at a time: the first build's wait, count and listing end before the second's
        // wait begins (its scan advances only per GetImage answer), so the group's request is sent while the second
        // build's scan still runs, and the second build needs a request of its own.
        _server.Scans.Start(new ScanProgression { ImageBuildVersionArn = First, StepReads = 1 }.Validated(), _server.Clock());
        _server.Scans.Start(new ScanProgression { ImageBuildVersionArn = Second, StepReads = 2 }.Validated(), _server.Clock());
        _server.Requests.Reset();
        using var client = Emulated.Client(_server);
        var wait = new ScanWait { Schedule = new ScanWaitSchedule { Initial = TimeSpan.FromMilliseconds(1), Max = TimeSpan.FromMilliseconds(2) } };
        var results = await new ScanGate(_ => client, new GateEvaluator(), wait: wait).EvaluateAsync([First, Second], Lenient, null).ToListAsync();

        Assert.All(results, r => Assert.True(GateExit.IsJudged(r), r.ScanProblem));
        var log = _server.Requests.Recent;
        var shown = string.Join("\n", log.Select(r => $"{r.Sequence} {r.Operation} {Uri.UnescapeDataString(r.Path)} {string.Join(",", r.Operation == EmulatorOperation.ListImageScanFindingAggregations ? Counted(r) : [])}"));
        foreach (var build in new[] { First, Second })
        {
            // The waiter stops at the first settled answer, and one more GetImage holds the state after the listing
            // (BuildScans.HoldAsync), so a build's last GetImage but one is the one that said COMPLETED.
            var settled = log.Where(r => r.Operation == EmulatorOperation.GetImage && Uri.UnescapeDataString(r.Path).EndsWith(build, StringComparison.Ordinal))
                .SkipLast(1).Last().Sequence;
            Assert.True(log.Any(r => IsCountRequest(r) && r.Sequence > settled && Counted(r).Contains(build)),
                $"no count of {build} asked after its scan settled (GetImage {settled}):\n{shown}");
        }

        var counts = log.Where(IsCountRequest).Select(Counted).ToList();
        Assert.Equal(2, counts.Count);
        Assert.Equal([First, Second], counts[0]);
        Assert.Equal([Second], counts[1]);
    }

    [Fact]
    public async Task A_build_that_settled_before_its_groups_request_went_out_is_counted_by_it()
    {
        using var client = Emulated.Client(_server);
        var builds = new BuildScans(client);
        var counts = new CountRequests([First, Second], _ => client, builds);
        _server.Requests.Reset();
        var secondSettled = counts.Now();
        var group = await counts.For(First, default, settledAt: counts.Now());
        Assert.Same(await counts.For(Second, default, settledAt: secondSettled), group);
        Assert.Equal(1, _server.Requests.Aggregations);

        // Settled after the group's request: asked alone, and only without a wait would the group's do.
        Assert.NotSame(await counts.For(Second, default, settledAt: counts.Now()), group);
        Assert.Equal(2, _server.Requests.Aggregations);
        Assert.Same(await counts.For(Second, default), group);
        Assert.Equal(2, _server.Requests.Aggregations);
        Assert.Equal(new ImageCounts(2, 1, 0, 0), group[First]);
        Assert.Equal(new ImageCounts(1, 0, 1, 0), group[Second]);
    }

    // A count request's first page: when it was sent (a later page of it carries a nextToken).
    private static bool IsCountRequest(RecordedRequest r) =>
        r.Operation == EmulatorOperation.ListImageScanFindingAggregations && !JsonDocument.Parse(r.Body).RootElement.TryGetProperty("nextToken", out _);

    private static string[] Counted(RecordedRequest request) =>
        JsonDocument.Parse(request.Body).RootElement.GetProperty("filter").GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToArray();
}
