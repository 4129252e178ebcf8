using System.Text.Json.Nodes;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>
/// The AWS CLI (botocore: its own SigV4 signer, its own rest-json parser, its own paginator) pages through the
/// emulator and must get exactly what the data set holds.
/// </summary>
public sealed class AwsCliTests
{
    [AwsCliFact]
    public async Task The_cli_pages_every_account_aggregation_exactly_once()
    {
        await using var server = await TestData.Sample(pageSize: 1);
        var output = await Run(server, "list-image-scan-finding-aggregations");
        Assert.Equal("accountId", output["aggregationType"]?.GetValue<string>());
        Assert.Equal(server.Visible("us-east-1").Aggregations("accountId"), Parse(output));
        Assert.Equal(2, server.Requests.Aggregations);
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [AwsCliFact]
    public async Task The_cli_pages_a_pipeline_filter_and_gets_exactly_those_pipelines()
    {
        await using var server = await TestData.Sample(pageSize: 1);
        var pipelines = server.Visible("us-east-1").Aggregations("imagePipelineArn");
        var values = string.Join(',', pipelines.Select(p => p.Key));
        var output = await Run(server, "list-image-scan-finding-aggregations", "--filter", $"name=imagePipelineArn,values={values}");
        Assert.Equal(pipelines, Parse(output));
        Assert.Equal(pipelines.Count, server.Requests.Aggregations);
    }

    [AwsCliFact]
    public async Task The_cli_pages_every_image_with_filter_matches_all()
    {
        await using var server = await TestData.Sample(pageSize: 3, filterMatchesAll: true);
        var output = await Run(server, "list-image-scan-finding-aggregations", "--filter", "name=imageBuildVersionArn,values=any");
        Assert.Equal(server.Visible("us-east-1").Aggregations("imageBuildVersionArn"), Parse(output));
    }

    [AwsCliFact]
    public async Task The_cli_pages_every_finding_with_identical_content()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, FindingsPageSize = 4 });
        var output = await Run(server, "list-image-scan-findings");
        var got = output["findings"]!.AsArray();
        Assert.Equal(server.Visible("us-east-1").Findings.Count, got.Count);
        Assert.Equal(8, server.Requests.Findings);
        for (var i = 0; i < got.Count; i++)
        {
            // botocore parsed every member (timestamps into dates) and printed them back: same members, same
            // packages, same instants.
            var expected = JsonNode.Parse(server.Visible("us-east-1").Findings[i].Json)!.AsObject();
            var actual = got[i]!.AsObject();
            Assert.Equal(expected.Select(p => p.Key).Order(), actual.Select(p => p.Key).Order());
            Assert.True(JsonNode.DeepEquals(expected["packageVulnerabilityDetails"]!["vulnerablePackages"], actual["packageVulnerabilityDetails"]!["vulnerablePackages"]));
            Assert.Equal(expected["firstObservedAt"]!.GetValue<long>(), Epoch(actual["firstObservedAt"]!));
        }
        var severity = await Run(server, "list-image-scan-findings", "--filters", "name=severity,values=CRITICAL");
        Assert.Equal(server.Visible("us-east-1").Findings.Count(f => f.Severity == "CRITICAL"), severity["findings"]!.AsArray().Count);
    }

    [AwsCliFact]
    public async Task The_cli_gets_an_image_with_its_scan_state()
    {
        await using var server = await TestData.Sample();
        var output = await Run(server, "get-image", "--image-build-version-arn", "arn:aws:imagebuilder:us-east-1:444455556666:image/batch-worker-ubuntu/3.4.0/1");
        Assert.Equal("FAILED", output["image"]!["scanState"]!["status"]!.GetValue<string>());
        Assert.Equal("2025-08-01T00:00:00.000Z", output["image"]!["dateCreated"]!.GetValue<string>());
        Assert.True(output["image"]!["imageScanningConfiguration"]!["imageScanningEnabled"]!.GetValue<bool>());
        Assert.Equal("/GetImage?imageBuildVersionArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A444455556666%3Aimage%2Fbatch-worker-ubuntu%2F3.4.0%2F1", Assert.Single(server.Requests.Recent).Path);
    }

    [AwsCliFact]
    public async Task The_cli_pages_a_pipelines_images_and_sees_the_region_it_signs_for()
    {
        await using var server = await TestData.Sample();
        const string web = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023";
        // botocore's paginator follows nextToken; --page-size sets maxResults.
        var output = await Run(server, "list-image-pipeline-images", "--image-pipeline-arn", web, "--page-size", "1");
        var arns = output["imageSummaryList"]!.AsArray().Select(i => i!["arn"]!.GetValue<string>()).ToArray();
        Assert.Equal(server.Visible("us-east-1").PipelineImages(web)!.Select(i => i.Arn), arns);
        Assert.Equal(3, server.Requests.PipelineImages);
        var eu = await AwsCli.RunAsync(server, "eu-west-1", "list-image-scan-findings");
        Assert.Equal(server.Visible("eu-west-1").Findings.Count, eu["findings"]!.AsArray().Count);
        Assert.All(eu["findings"]!.AsArray(), f => Assert.Contains(":eu-west-1:", f!["imageBuildVersionArn"]!.GetValue<string>()));
    }

    /// <summary>The CLI prints a timestamp as epoch seconds or as ISO 8601, depending on its configuration.</summary>
    private static long Epoch(JsonNode value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? (long)value.GetValue<double>()
        : DateTimeOffset.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();

    private static List<ExpectedAggregation> Parse(JsonNode output)
    {
        var kind = output["aggregationType"]!.GetValue<string>();
        return output["responses"]!.AsArray().Select(item =>
        {
            var inner = item!.AsObject().Single().Value!;
            var c = inner["severityCounts"]!;
            return new ExpectedAggregation(kind, inner[kind]!.GetValue<string>(),
                new SeverityCounts(c["all"]!.GetValue<long>(), c["critical"]!.GetValue<long>(), c["high"]!.GetValue<long>(), c["medium"]!.GetValue<long>()));
        }).ToList();
    }

    private static Task<JsonNode> Run(EmulatorServer server, params string[] args) => AwsCli.RunAsync(server, "us-east-1", args);
}
