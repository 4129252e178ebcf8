namespace ImageBuilderScan.Emulator.Tests;

/// <summary>The data file's "images" list: defaults, derived images, and refusals with a message that says what is wrong.</summary>
public sealed class ImageDataTests
{
    private const string Finding = """{"awsAccountId":"111122223333","imageBuildVersionArn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","imagePipelineArn":"arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/a","severity":"LOW","packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-1"}}""";

    [Fact]
    public void The_sample_lists_a_pipeline_history_and_every_scan_state_a_client_must_handle()
    {
        var data = FindingsDataSet.Load(TestData.SamplePath);
        var web = data.PipelineImages("arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023")!;
        Assert.Equal(["1.5.0", "1.4.1", "1.4.0"], web.Select(i => i.Version));
        string Severity(string version, string id) => data.Findings.Single(f => f.ImageBuildVersionArn.Contains("/" + version + "/") && f.VulnerabilityId == id && f.Region == "us-east-1" && f.ImageBuildVersionArn.Contains("web-frontend")).Severity;
        Assert.Equal(("MEDIUM", "HIGH"), (Severity("1.4.1", "GHSA-c2qf-rxjj-qqgw"), Severity("1.5.0", "GHSA-c2qf-rxjj-qqgw")));
        Assert.Contains(data.Images, i => i.ScanStatus == "SCANNING");
        Assert.Contains(data.Images, i => i.ScanStatus == "FAILED" && i.ScanReason is { Length: > 0 });
        Assert.Contains(data.Images, i => !i.ScanningEnabled);
        Assert.Contains(data.Images, i => i.ScanStatus == "COMPLETED" && data.Findings.All(f => f.ImageBuildVersionArn != i.Arn));
        Assert.Contains(data.Images, i => i.Region == "eu-west-1");
    }

    [Fact]
    public void Images_named_only_by_findings_are_completed_with_a_date_derived_from_their_history()
    {
        var second = Finding.Replace("1.0.0/1", "1.1.0/1").Replace("CVE-2024-1", "CVE-2024-2");
        var data = FindingsDataSet.Parse($$"""{"findings":[{{second}},{{Finding}}]}""");
        var images = data.PipelineImages("arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/a")!;
        Assert.Equal(["1.1.0", "1.0.0"], images.Select(i => i.Version));
        Assert.All(images, i => Assert.Equal(("COMPLETED", true, "a"), (i.ScanStatus, i.ScanningEnabled, i.Name)));
        Assert.True(images[0].DateCreated > images[1].DateCreated);
        Assert.Equal(images.Select(i => i.DateCreated), FindingsDataSet.Parse($$"""{"findings":[{{second}},{{Finding}}]}""").PipelineImages(images[0].ImagePipelineArn!)!.Select(i => i.DateCreated));
    }

    [Fact]
    public void A_listed_image_without_findings_is_a_clean_scanned_image_and_round_trips()
    {
        var json = $$"""{"findings":[{{Finding}}],"images":[{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","imagePipelineArn":"arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/a","dateCreated":1750000000}]}""";
        var data = FindingsDataSet.Parse(json);
        var clean = data.FindImage("arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1")!;
        Assert.Equal(("COMPLETED", "Linux", 1750000000L), (clean.ScanStatus, clean.Platform, clean.DateCreated));
        Assert.Equal(data.Images, FindingsDataSet.Parse(data.ToJson()).Images);
    }

    [Theory]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1,"colour":"red"}""", "'colour' is not an image member")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":"yesterday"}""", "dateCreated: expected Number")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1,"scanningEnabled":"no"}""", "scanningEnabled: expected true or false")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1,"scanState":"DONE"}""", "'DONE' is not an ImageScanStatus")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0","dateCreated":1}""", "is not an image build version ARN")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1"}""", "'dateCreated'")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1,"version":"2.0.1"}""", "differs from the version in the ARN")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1,"platform":"BeOS"}""", "is not a Platform")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/1.0.0/1","dateCreated":1,"imagePipelineArn":"arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/b"}""", "but its findings name")]
    [InlineData("""{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":1},{"arn":"arn:aws:imagebuilder:us-east-1:111122223333:image/a/2.0.0/1","dateCreated":2}""", "listed twice")]
    public void An_image_entry_that_does_not_follow_the_format_is_refused_with_a_clear_message(string images, string message)
    {
        var error = Assert.Throws<FormatException>(() => FindingsDataSet.Parse($$"""{"findings":[{{Finding}}],"images":[{{images}}]}"""));
        Assert.Contains(message, error.Message);
    }
}
