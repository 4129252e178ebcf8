namespace ImageBuilderScan.Emulator.Tests;

/// <summary>GetImage and ListImagePipelineImages over the sample's images (listed ones and those only findings name).</summary>
public sealed class ImageTests
{
    private const string Web = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023";
    private const string Payments = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/payments-api-al2023";

    [Fact]
    public async Task GetImage_answers_the_models_Image_with_its_scan_state()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var failed = await caller.GetImage("arn:aws:imagebuilder:us-east-1:444455556666:image/batch-worker-ubuntu/3.4.0/1");
        Assert.Equal(200, failed.Status);
        var image = failed.Json["image"]!;
        Assert.Equal("batch-worker-ubuntu", image["name"]!.GetValue<string>());
        Assert.Equal("3.4.0", image["version"]!.GetValue<string>());
        Assert.Equal("FAILED", image["scanState"]!["status"]!.GetValue<string>());
        Assert.StartsWith("Amazon Inspector could not scan", image["scanState"]!["reason"]!.GetValue<string>());
        Assert.True(image["imageScanningConfiguration"]!["imageScanningEnabled"]!.GetValue<bool>());
        Assert.Equal("AVAILABLE", image["state"]!["status"]!.GetValue<string>());
        Assert.Equal("arn:aws:imagebuilder:us-east-1:444455556666:image-pipeline/batch-worker-ubuntu", image["sourcePipelineArn"]!.GetValue<string>());
        Assert.Equal("2025-08-01T00:00:00.000Z", image["dateCreated"]!.GetValue<string>());
        Assert.Equal(failed.RequestId, failed.Json["requestId"]!.GetValue<string>());

        var unscanned = (await caller.GetImage("arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.1.1/1")).Json["image"]!;
        Assert.False(unscanned["imageScanningConfiguration"]!["imageScanningEnabled"]!.GetValue<bool>());
        Assert.Null(unscanned["scanState"]);
        // Named only by findings: scanned, COMPLETED.
        var fromFindings = (await caller.GetImage("arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.0.0/1")).Json["image"]!;
        Assert.Equal("COMPLETED", fromFindings["scanState"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetImage_of_a_version_arn_is_its_newest_build_and_an_unknown_image_is_ResourceNotFound()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var newest = await caller.GetImage("arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/x.x.x");
        Assert.Equal("arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.5.0/1", newest.Json["image"]!["arn"]!.GetValue<string>());
        var missing = await caller.GetImage("arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/9.9.9/1");
        Assert.Equal((404, "ResourceNotFoundException"), (missing.Status, missing.ErrorType));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-an-arn")]
    [InlineData("arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023")]
    [InlineData("arn:aws:imagebuilder:us-east-1:111122223333:image/Web/1.0.0/1")]
    public async Task GetImage_validates_the_arn_as_the_model(string? arn)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.GetImage(arn);
        Assert.Equal((400, "InvalidRequestException"), (reply.Status, reply.ErrorType));
        Assert.Contains("imageBuildVersionArn", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_pipelines_images_come_newest_first_in_pages_that_cover_each_once()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var arns = new List<string>();
        string? token = null;
        for (var page = 0; page < 10; page++)
        {
            var reply = await caller.PipelineImages(new { imagePipelineArn = Payments, maxResults = 1, nextToken = token });
            Assert.Equal(200, reply.Status);
            var list = reply.Json["imageSummaryList"]!.AsArray();
            Assert.Single(list);
            Assert.Equal("111122223333", list[0]!["owner"]!.GetValue<string>());
            arns.Add(list[0]!["arn"]!.GetValue<string>());
            token = reply.NextToken;
            if (token is null) break;
        }
        Assert.Null(token);
        Assert.Equal(["2.2.0/1", "2.1.1/1", "2.1.0/1", "2.0.0/1"], arns.Select(a => a.Split("payments-api-al2023/")[1]));
        Assert.Equal(server.Visible("us-east-1").PipelineImages(Payments)!.Select(i => i.Arn), arns);
    }

    [Fact]
    public async Task Pipeline_images_filter_by_version_and_refuse_bad_input_and_tokens_of_another_query()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var filtered = await caller.PipelineImages(new { imagePipelineArn = Web, filters = new[] { new { name = "version", values = new[] { "1.4.0", "1.5.0" } } } });
        Assert.Equal(2, filtered.Json["imageSummaryList"]!.AsArray().Count);

        var first = await caller.PipelineImages(new { imagePipelineArn = Web, maxResults = 1 });
        var other = await caller.PipelineImages(new { imagePipelineArn = Payments, maxResults = 1, nextToken = first.NextToken });
        Assert.Equal((400, "InvalidPaginationTokenException"), (other.Status, other.ErrorType));
        Assert.Equal("InvalidRequestException", (await caller.PipelineImages(new { imagePipelineArn = Web, maxResults = 26 })).ErrorType);
        Assert.Equal("InvalidRequestException", (await caller.PipelineImages(new { imagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.0/1" })).ErrorType);
        Assert.Equal("InvalidRequestException", (await caller.PipelineImages(new { imagePipelineArn = Web, filters = new[] { new { name = "platform", values = new[] { "Linux" } } } })).ErrorType);
        Assert.Equal("InvalidRequestException", (await caller.PipelineImages(new { maxResults = 1 })).ErrorType);
        var unknown = await caller.PipelineImages(new { imagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/nothing-here" });
        Assert.Equal((404, "ResourceNotFoundException"), (unknown.Status, unknown.ErrorType));
    }
}
