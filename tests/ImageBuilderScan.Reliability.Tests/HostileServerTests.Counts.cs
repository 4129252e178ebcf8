using ImageBuilderScan.Tests.Shared;
using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Counts an endpoint leaves out: the service model requires no member of <c>severityCounts</c>, so an answer may lack
/// one, and a hostile one will. A count that was not sent is unknown, never 0: the listing shows it as null (and warns
/// once), and the gate, its baseline and a pipeline's history never judge or draw from a 0 nobody sent.
/// </summary>
public sealed partial class HostileServerTests
{
    // One LOW finding, as the listing gives it: every count the endpoint does send agrees with it.
    private const string WithoutCritical = """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"all":1,"high":0,"medium":0}}}""";

    public static TheoryData<string, string> CountsLeftOut => new()
    {
        { "critical left out", WithoutCritical },
        { "critical null", """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"all":1,"critical":null,"high":0,"medium":0}}}""" },
        { "no severityCounts", """{"imageAggregation":{"imageBuildVersionArn":"ARN"}}""" },
        { "severityCounts null", """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":null}}""" },
        { "all left out", """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"critical":0,"high":0,"medium":0}}}""" },
    };

    [Theory]
    [MemberData(nameof(CountsLeftOut))]
    public async Task The_gate_does_not_judge_a_build_whose_count_the_endpoint_left_out(string _, string aggregation)
    {
        await using var server = GateServer(findings: [FindingJson("LOW")], aggregation: aggregation.Replace("ARN", ImageArn, StringComparison.Ordinal));
        var result = await JudgeAsync(server);
        Assert.False(GateExit.IsJudged(result));
        Assert.False(result.Passed);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([result], errors: 0));
        Assert.Contains("a count it did not send is unknown, not 0", result.ScanProblem);
        Assert.DoesNotContain("counts 0", result.ScanProblem);
    }

    [Fact]
    public async Task The_reason_names_the_count_left_out()
    {
        await using var server = GateServer(findings: [FindingJson("LOW")], aggregation: WithoutCritical.Replace("ARN", ImageArn, StringComparison.Ordinal));
        var result = await JudgeAsync(server);
        Assert.Contains("without severityCounts.critical", result.ScanProblem);
        Assert.DoesNotContain("severityCounts.high", result.ScanProblem);
    }

    [Fact]
    public async Task A_listing_shows_a_count_left_out_as_unknown_and_warns_once()
    {
        var second = ImageArn.Replace("/4", "/5", StringComparison.Ordinal);
        await using var server = new ScriptedServer
        {
            Default = ScriptedResponse.Json($$"""{"aggregationType":"imageBuildVersionArn","responses":[{{WithoutCritical.Replace("ARN", ImageArn, StringComparison.Ordinal)}},{{AggregationJson(3, second, critical: 1, high: 1, medium: 1)}}]}"""),
        };
        var log = new RecordingLog();
        using var client = Client(server, log);
        var items = await client.GetAggregationsAsync(new AggregationQuery()).ToListAsync();

        Assert.Null(items[0].Critical);
        Assert.Null(items[0].Other);
        Assert.Equal((1L, 0L, 0L), (items[0].All!.Value, items[0].High!.Value, items[0].Medium!.Value));
        Assert.Equal(0L, items[1].Other);
        Assert.DoesNotContain("Critical = 0", items[0].ToString(), StringComparison.Ordinal);
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal));
        Assert.Contains("without severityCounts.critical", warning);
        Assert.Contains("never as 0", warning);
    }

    [Fact]
    public async Task A_baseline_whose_count_the_endpoint_left_out_is_not_used()
    {
        // -NewOnly against a named baseline: the baseline's findings excuse the build's, so they must agree with a count
        // the service sent; one it left out is unknown, and the build is not judged.
        var result = await JudgeAgainstBaselineAsync(baselineArn =>
            """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"all":1,"critical":0,"medium":0}}}""".Replace("ARN", baselineArn, StringComparison.Ordinal));
        Assert.False(GateExit.IsJudged(result));
        Assert.True(result.ScanProblem?.Contains("BaselineCountUnknown", StringComparison.Ordinal), result.ScanProblem);
        Assert.Contains("without severityCounts.high", result.ScanProblem);
    }

    [Fact]
    public async Task A_pipeline_history_shows_a_count_left_out_as_unknown_not_0()
    {
        const string Pipeline = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
        await using var server = new ScriptedServer();
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(ImageArn, "2026-01-01T00:00:00Z")}}]}"""));
        // GetImage names the pipeline that built it: a history holds each build to it.
        server.Route("/GetImage", ScriptedResponse.Json(PipelineImageJson(ImageArn, Pipeline, "2026-01-01T00:00:00Z")));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json(
            $$"""{"aggregationType":"imageBuildVersionArn","responses":[{{WithoutCritical.Replace("ARN", ImageArn, StringComparison.Ordinal)}}]}"""));
        var log = new RecordingLog();
        using var client = Client(server, log);

        var entry = Assert.Single(await new PipelineHistory(client).ReadAsync(Pipeline).ToListAsync());
        Assert.True(entry.ScanComplete);
        Assert.Null(entry.Critical);
        Assert.Equal(1L, entry.All);
        Assert.Single(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal) && l.Contains("severityCounts.critical", StringComparison.Ordinal));
    }
}
