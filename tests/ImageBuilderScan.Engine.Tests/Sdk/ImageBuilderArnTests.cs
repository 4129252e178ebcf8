
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>The lenient ARN split behind an aggregation's key parts, and the account and region read without it.</summary>
public sealed class ImageBuilderArnTests
{
    [Theory]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4", "aws", "us-east-1", "123456789012", "image", "web-server", "1.2.3", "4")]
    [InlineData("arn:aws-cn:imagebuilder:cn-north-1:210987654321:image-pipeline/nightly", "aws-cn", "cn-north-1", "210987654321", "image-pipeline", "nightly", null, null)]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/a:b/1.0.0/1", "aws", "us-east-1", "123456789012", "image", "a:b", "1.0.0", "1")]
    [InlineData("arn:aws:imagebuilder:::image/x", "aws", "", "", "image", "x", null, null)]
    public void Splits_what_the_service_sent(string arn, string partition, string region, string account, string type, string name, string? version, string? build)
    {
        Assert.Equal(new ImageBuilderArn(partition, region, account, type, name, version, build), ImageBuilderArn.TryParse(arn));
        Assert.Equal(account, ImageBuilderArn.AccountOf(arn));
        Assert.Equal(region, ImageBuilderArn.RegionOf(arn));
        Assert.Equal(region, new ScanFinding { ImageBuildVersionArn = arn }.Region);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CVE-2024-6387")]
    [InlineData("123456789012")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:image/x")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:/x")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image//1.0.0")]
    [InlineData("arn:aws:imagebuilderx:us-east-1:123456789012:image/x")]
    public void Refuses_what_is_not_an_image_builder_resource_arn_and_the_account_agrees(string? arn)
    {
        Assert.Null(ImageBuilderArn.TryParse(arn));
        Assert.Null(ImageBuilderArn.AccountOf(arn));
        Assert.Null(ImageBuilderArn.RegionOf(arn));
        Assert.Null(new ScanFinding { ImageBuildVersionArn = arn }.Region);
    }

    [Fact]
    public void An_aggregation_reads_its_key_parts_from_the_key()
    {
        var image = new ScanFindingAggregation { KindValue = AggregationKind.Image, Key = "arn:aws:imagebuilder:eu-west-1:123456789012:image/web/2.0.1/7" };
        Assert.Equal(("aws", "eu-west-1", "web", "2.0.1", "7", (string?)null), (image.Partition, image.Region, image.ImageName, image.ImageVersion, image.ImageBuild, image.PipelineName));
        var pipeline = new ScanFindingAggregation { KindValue = AggregationKind.ImagePipeline, Key = "arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/web" };
        Assert.Equal(("web", (string?)null, (string?)null), (pipeline.PipelineName, pipeline.ImageName, pipeline.ImageVersion));
        var vulnerability = new ScanFindingAggregation { KindValue = AggregationKind.VulnerabilityId, Key = "CVE-2024-6387" };
        Assert.Null(vulnerability.Partition);
        // Derived parts take no part in equality: the same key and counts are the same aggregation.
        Assert.Equal(image, image with { });
    }
}
