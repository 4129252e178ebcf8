using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// The image's own state and the listings' dates (review2 H3, H7): a build whose image is still being built, failed, was
/// cancelled or deleted is not judged whatever its scan says; a build is chosen by date only when every listed build has
/// one, and only when its own GetImage answer gives the date the listing did.
/// </summary>
public sealed partial class HostileServerTests
{
    private const string Version = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3";
    private const string Newest = Version + "/3", Oldest = Version + "/1";

    private static string WithImage(string imageJson, string member) => imageJson.Replace("\"image\":{", "\"image\":{" + member + ",", StringComparison.Ordinal);

    [Theory]
    [InlineData("BUILDING", false, "still being built")]
    [InlineData("TESTING", true, "still being built")]
    [InlineData("FAILED", false, "left no image")]
    [InlineData("CANCELLED", true, "left no image")]
    [InlineData("DELETED", false, "left no image")]
    public async Task A_build_whose_image_is_not_final_is_not_judged_though_its_scan_says_COMPLETED(string image, bool allowIncomplete, string why)
    {
        await using var server = GateServer(findings: [], counted: 0);
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson(imageState: image)));
        using var client = Client(server);
        var result = Assert.Single(await new ScanGate(client, new GateEvaluator())
            .EvaluateAsync([ImageArn], new GatePolicy { AllowIncompleteScan = allowIncomplete }, null).ToListAsync());
        Assert.False(result.Passed);
        Assert.Equal(why switch
        {
            "left no image" => $"the image is {image}: the build left no image to judge",
            _ => $"the image is {image}: it is still being built, so its scan is not its last",
        }, result.ScanProblem);
        Assert.False(result.ScanComplete);
        Assert.False(GateExit.IsJudged(result));
    }

    [Fact]
    public async Task A_GetImage_answer_without_the_images_state_is_not_read()
    {
        // The model makes it optional; left out, a building image's COMPLETED scan would read as its last.
        await using var server = GateServer(findings: [], counted: 0);
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson(imageState: null)));
        Assert.Contains("MalformedResponse", await UnjudgedProblemAsync(server));
    }

    [Theory]
    [InlineData("AVAILABLE")]
    [InlineData("DEPRECATED")]
    [InlineData("DISABLED")]
    public async Task A_completed_scan_of_an_available_deprecated_or_disabled_image_is_judged(string image)
    {
        await using var server = GateServer(findings: [], counted: 0);
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson(imageState: image)));
        var result = await JudgeAsync(server);
        Assert.True(result.Passed, result.Summary);
    }

    [Theory]
    [InlineData("/ListImagePipelineImages", Pipeline, "the pipeline")]
    [InlineData("/ListImageBuildVersions", Version, "the image version")]
    public async Task A_listed_build_without_a_date_is_never_taken_for_the_oldest(string listing, string name, string what)
    {
        // The newest build (vulnerable) is listed without a date; the older clean build would be judged in its place.
        await using var server = GateServer(findings: [], counted: 0, imageArn: Oldest);
        server.Route(listing, ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(Newest, "2026-01-03T00:00:00Z").Replace(",\"dateCreated\":\"2026-01-03T00:00:00Z\"", "", StringComparison.Ordinal)}},{{BuildJson(Oldest, "2026-01-01T00:00:00Z")}}]}"""));
        using var client = Client(server);

        var refused = await Assert.ThrowsAsync<ScanStateException>(() => new BuildScans(client).SelectAsync(name, "ImageBuildVersionArn", default));
        Assert.Equal("NoCreationDate", refused.ErrorId);
        Assert.Contains($"The listing of {what} {name} names {Newest} without a creation date", refused.Message, StringComparison.Ordinal);
        var result = await JudgeAsync(server, name);
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("without a creation date", result.ScanProblem);
        Assert.DoesNotContain(server.Requests, r => r.Target.Contains("/GetImage", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00Z", "2026-01-01T00:00:00Z", false)]
    [InlineData("2099-01-01T00:00:00Z", null, false)]
    [InlineData("2026-01-04T00:00:00Z", "2026-01-04T00:00:00Z", true)]
    // The same timestamp at another precision (GetImage with milliseconds) is the same date.
    [InlineData("2026-01-04T00:00:00Z", "2026-01-04T00:00:00.400Z", true)]
    [InlineData("2026-01-04T00:00:00Z", "2026-01-04T00:00:02Z", false)]
    public async Task The_chosen_builds_own_date_must_be_the_listings(string listed, string? own, bool judged)
    {
        // The listing dates the old clean build after the real newest one; only its own GetImage can say when it was made.
        await using var server = GateServer(findings: [], aggregation: AggregationJson(0, Oldest), imageArn: Oldest);
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json(
            $$"""{"imageSummaryList":[{{BuildJson(Newest, "2026-01-03T00:00:00Z")}},{{BuildJson(Oldest, listed)}}]}"""));
        var image = WithImage(ImageJson(Oldest), $"\"sourcePipelineArn\":\"{Pipeline}\"");
        server.Route("/GetImage", ScriptedResponse.Json(own is null ? image : WithImage(image, $"\"dateCreated\":\"{own}\"")));

        var result = await JudgeAsync(server, Pipeline);
        Assert.True(judged == result.Passed, result.Summary);
        Assert.Equal(Oldest, result.ImageBuildVersionArn);
        if (!judged)
        {
            Assert.Contains("UnexpectedBuild", result.ScanProblem);
            Assert.Contains("the listing's order is not used", result.ScanProblem);
        }
    }

    [Fact]
    public async Task NewOnly_refuses_an_older_build_listed_without_a_date()
    {
        // Passed over as "not older", an undated previous build would leave an even older one as the baseline.
        await using var server = GateServer(findings: [FindingJson("CRITICAL")], aggregation: AggregationJson(1, critical: 1));
        server.Route("/GetImage", ScriptedResponse.Json(PipelineImageJson(ImageArn, Pipeline, "2026-02-01T00:00:00Z")));
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json(
            $$"""{"imageSummaryList":[{{BuildJson(ImageArn, "2026-02-01T00:00:00Z")}},{{BuildJson(BaselineArn, "x").Replace(",\"dateCreated\":\"x\"", "", StringComparison.Ordinal)}}]}"""));
        using var client = Client(server);
        var result = Assert.Single(await new ScanGate(client, new GateEvaluator())
            .EvaluateAsync([ImageArn], new GatePolicy(), GateBaseline.PreviousBuild).ToListAsync());
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("without a creation date", result.Summary);
    }
}
