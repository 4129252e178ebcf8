using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// What a pipeline's listing of builds says, held to each build's own GetImage answer outside the gate too (fleet4): a
/// comparison's difference chosen as a pipeline's newest, its previous build, and every row of a pipeline's history must
/// be that pipeline's, and a build listed twice is not two builds. Before, the gate alone checked the pipeline, and the
/// comparison and the history took another pipeline's builds (a filter ignored by a proxy) for this one's.
/// </summary>
public sealed partial class HostileServerTests
{
    private const string OtherPipeline = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/clean-image";

    private static ScriptedServer PipelineServer(string newestBuiltBy, string oldestBuiltBy, bool listNewestTwice = false)
    {
        var server = GateServer(findings: [], aggregation: "");
        var newest = BuildJson(Newest, "2026-01-03T00:00:00Z");
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json(
            $$"""{"imageSummaryList":[{{newest}},{{(listNewestTwice ? newest + "," : "")}}{{BuildJson(Oldest, "2026-01-01T00:00:00Z")}}]}"""));
        server.RouteFor("/GetImage", Newest, ScriptedResponse.Json(PipelineImageJson(Newest, newestBuiltBy, "2026-01-03T00:00:00Z")));
        server.RouteFor("/GetImage", Oldest, ScriptedResponse.Json(PipelineImageJson(Oldest, oldestBuiltBy, "2026-01-01T00:00:00Z")));
        return server;
    }

    [Fact]
    public async Task A_comparison_refuses_a_pipelines_newest_build_that_GetImage_says_another_pipeline_built()
    {
        await using var server = PipelineServer(newestBuiltBy: OtherPipeline, oldestBuiltBy: Pipeline);
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildComparison(client).CompareAsync(Oldest, Pipeline));
        Assert.Equal("UnexpectedBuild", error.ErrorId);
        Assert.Contains(OtherPipeline, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comparison_refuses_a_previous_build_that_GetImage_says_another_pipeline_built()
    {
        await using var server = PipelineServer(newestBuiltBy: Pipeline, oldestBuiltBy: OtherPipeline);
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildComparison(client).CompareAsync(null, Newest));
        Assert.Equal("UnexpectedBuild", error.ErrorId);
        Assert.Contains(OtherPipeline, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_history_refuses_a_build_that_GetImage_says_another_pipeline_built()
    {
        await using var server = PipelineServer(newestBuiltBy: Pipeline, oldestBuiltBy: OtherPipeline);
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new PipelineHistory(client).ReadAsync(Pipeline).ToListAsync().AsTask());
        Assert.Equal("UnexpectedBuild", error.ErrorId);
        Assert.Contains(OtherPipeline, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pipeline_history_refuses_a_listing_that_names_a_build_twice_instead_of_writing_it_twice()
    {
        await using var server = PipelineServer(newestBuiltBy: Pipeline, oldestBuiltBy: Pipeline, listNewestTwice: true);
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new PipelineHistory(client).ReadAsync(Pipeline).ToListAsync().AsTask());
        Assert.Equal("UnexpectedBuild", error.ErrorId);
        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_honest_pipeline_listing_still_gives_its_history_and_comparison()
    {
        await using var server = PipelineServer(newestBuiltBy: Pipeline, oldestBuiltBy: Pipeline);
        using var client = Client(server);
        Assert.Equal([Oldest, Newest], (await new PipelineHistory(client).ReadAsync(Pipeline).ToListAsync()).Select(h => h.ImageBuildVersionArn));
        Assert.Empty(await new BuildComparison(client).CompareAsync(null, Newest));
    }

    [Theory]
    [InlineData("difference")]
    [InlineData("reference")]
    public async Task A_comparison_refuses_a_side_whose_listing_has_fewer_findings_than_the_service_counts(string incomplete)
    {
        // Both builds have CVE-A and CVE-B, but one side's listing ends after CVE-A (a page lost, a nextToken dropped): compared
        // as listed, CVE-B would read as Added or Fixed, a change that never happened.
        await using var server = PipelineServer(newestBuiltBy: Pipeline, oldestBuiltBy: Pipeline);
        const string b = "CVE-2025-0002";
        foreach (var (arn, side) in new[] { (Newest, "difference"), (Oldest, "reference") })
        {
            var listed = side == incomplete ? new[] { Cve } : [Cve, b];
            server.RouteFor("/ListImageScanFindings", arn, ScriptedResponse.Json(
                $$"""{"findings":[{{string.Join(",", listed.Select(id => FindingJson("HIGH", id).Replace(ImageArn, arn, StringComparison.Ordinal)))}}]}"""));
            server.RouteFor("/ListImageScanFindingAggregations", arn, ScriptedResponse.Json($$"""{"responses":[{{AggregationJson(2, arn, high: 2)}}]}"""));
        }

        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildComparison(client).CompareAsync(Oldest, Newest));
        Assert.Equal("CountMismatch", error.ErrorId);
        Assert.Contains(incomplete == "difference" ? Newest : Oldest, error.Message, StringComparison.Ordinal);
        Assert.Contains("1 finding(s) were listed, but the service counts 2", error.Message, StringComparison.Ordinal);
    }
}
