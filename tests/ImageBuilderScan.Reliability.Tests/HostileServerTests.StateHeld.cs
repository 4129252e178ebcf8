using ImageBuilderScan.Engine.Waiting;
using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// A scan state vouches only for findings listed while it held (wire4): GetImage is answered before the build's findings
/// are asked for, and asked again once they are listed. Read alongside the listing, a COMPLETED answered after a listing
/// taken mid-scan passed that listing's few findings; read once, a scan that restarted while it was listed did too.
/// </summary>
public sealed partial class HostileServerTests
{
    [Theory]
    // The gate's own listing, and the count that vouches for findings handed in (Get-IBScanFinding | Test-IBScanGate).
    [InlineData(false, "/ListImageScanFindings")]
    [InlineData(true, "/ListImageScanFindingAggregations")]
    public async Task What_the_state_vouches_for_is_asked_for_only_once_GetImage_answered(bool handedIn, string vouched)
    {
        // GetImage's answer held back: a request sent beside it is answered first, so COMPLETED would be read after it.
        await using var server = GateServer(findings: [], counted: 0);
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson()) with { Delay = TimeSpan.FromMilliseconds(300) });
        var result = handedIn ? await JudgeHandedInAsync(server) : await JudgeAsync(server);
        Assert.True(result.Passed, result.Summary);
        var events = server.Events.ToList();
        var answered = events.IndexOf("<- /GetImage");
        var asked = events.IndexOf("-> " + vouched);
        Assert.True(answered >= 0 && asked > answered, string.Join(", ", events));
    }

    [Theory]
    [InlineData("SCANNING", "AVAILABLE", "scan SCANNING, image AVAILABLE")]
    [InlineData("COMPLETED", "BUILDING", "scan COMPLETED, image BUILDING")]
    public async Task A_scan_state_that_changes_while_the_findings_are_listed_is_not_judged(string after, string imageAfter, string named)
    {
        await using var server = GateServer(findings: [], counted: 0);
        server.EnqueueFor("/GetImage", ScriptedResponse.Json(ImageJson()), ScriptedResponse.Json(ImageJson(status: after, imageState: imageAfter)));
        var result = await JudgeAsync(server);
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("ScanStateChanged", result.ScanProblem);
        Assert.Contains("GetImage said scan COMPLETED, image AVAILABLE, created at no date, pipeline none before the findings", result.ScanProblem);
        Assert.Contains("and " + named + ", created at no date, pipeline none after", result.ScanProblem);
    }

    [Fact]
    public async Task A_scan_that_flaps_after_the_wait_saw_it_complete_is_not_judged()
    {
        // -WaitForScan: COMPLETED on the first poll ends the wait; the scan runs again while the findings are listed.
        await using var server = GateServer(findings: [], counted: 0);
        server.EnqueueFor("/GetImage", ScriptedResponse.Json(ImageJson()), ScriptedResponse.Json(ImageJson(status: "SCANNING")));
        using var client = Client(server);
        var gate = new ScanGate(_ => client, new GateEvaluator(), wait: new ScanWait { Timeout = TimeSpan.FromHours(1) });
        var result = Assert.Single(await gate.EvaluateAsync([ImageArn], new GatePolicy(), null).ToListAsync());
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("ScanStateChanged", result.ScanProblem);
    }

    [Fact]
    public async Task A_scan_that_holds_is_asked_twice_and_judged()
    {
        await using var server = GateServer(findings: [FindingJson("CRITICAL")], counted: 1, aggregation: AggregationJson(1, critical: 1));
        var result = await JudgeAsync(server);
        Assert.True(GateExit.IsJudged(result), result.Summary);
        Assert.False(result.Passed);
        Assert.Equal(["-> /GetImage", "-> /GetImage"], server.Events.Where(e => e == "-> /GetImage"));
        var events = server.Events.ToList();
        Assert.True(events.LastIndexOf("-> /GetImage") > events.IndexOf("<- /ListImageScanFindings"), string.Join(", ", events));
    }
}

// The same for findings handed in (Get-IBScanFinding | Test-IBScanGate): the count vouches for them, so it is asked once
// GetImage answered, and the state asked again after it.
public sealed partial class HostileServerTests
{
    private async Task<GateResult> JudgeHandedInAsync(ScriptedServer server)
    {
        using var client = Client(server);
        return Assert.Single(await new ScanGate(client, new GateEvaluator()).EvaluateFindingsAsync([], [ImageArn], new GatePolicy(), null).ToListAsync());
    }

    [Fact]
    public async Task Findings_handed_in_are_not_judged_when_the_scan_state_changes_while_they_are_counted()
    {
        await using var server = GateServer(findings: [], counted: 0);
        server.EnqueueFor("/GetImage", ScriptedResponse.Json(ImageJson()), ScriptedResponse.Json(ImageJson(status: "SCANNING")));
        var result = await JudgeHandedInAsync(server);
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("ScanStateChanged", result.ScanProblem);
    }
}
