
namespace ImageBuilderScan.Engine.Tests.Validation;

/// <summary>
/// What a piped string is, by shape (issue 13, point 4), and the per-package rows of -ExpandPackage
/// (point 6), and the names -Region completes (point 5).
/// </summary>
public sealed class KeyShapeTests
{
    [Theory]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4", FilterNames.ImageBuildVersionArn)]
    [InlineData("arn:aws-cn:imagebuilder:cn-north-1:123456789012:image/web/1.0.0/1", FilterNames.ImageBuildVersionArn)]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server", FilterNames.ImagePipelineArn)]
    [InlineData("123456789012", FilterNames.AccountId)]
    [InlineData("CVE-2024-6387", FilterNames.VulnerabilityId)]
    [InlineData("GHSA-c2qf-rxjj-qqgw", FilterNames.VulnerabilityId)]
    [InlineData("ALAS2023-2024-575", FilterNames.VulnerabilityId)]
    [InlineData("accountId", null)]
    [InlineData("12345678901", null)]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/web/1.0.0", null)]
    [InlineData("arn:aws:iam::123456789012:role/build", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_value_is_the_one_key_its_shape_says(string? value, string? filter)
    {
        Assert.Equal(filter, KeyShapes.FilterNameOf(value));
    }

    [Fact]
    public void The_shapes_are_disjoint_for_every_sample_key()
    {
        // Each sample of one kind matches its own shape and no other (FilterNameOf returns the first match only).
        string[] samples = ["arn:aws:imagebuilder:eu-west-1:111122223333:image/a/1.0.0/1", "arn:aws:imagebuilder:eu-west-1:111122223333:image-pipeline/a", "111122223333", "CVE-2023-44487"];
        string[] filters = [FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.AccountId, FilterNames.VulnerabilityId];
        for (var i = 0; i < samples.Length; i++)
        {
            for (var j = 0; j < filters.Length; j++)
                Assert.Equal(i == j, FilterValueShape.For(filters[j])!.Accepts(samples[i]));
        }
    }

    [Fact]
    public void Expanding_packages_makes_one_row_per_package_with_that_package_lifted()
    {
        VulnerablePackage[] packages =
        [
            new() { Name = "log4j-core", Version = "2.14.1", FixedInVersion = "2.15.0" },
            new() { Name = "log4j-api", Version = "2.14.1", Release = "1.amzn2023", Epoch = 1, FixedInVersion = "2.15.0" },
            new() { Name = "log4j-web", Version = "2.14.1" },
        ];
        var finding = new ScanFinding { VulnerabilityId = "CVE-2021-44228", PackageName = "log4j-core", VulnerablePackages = ValueList<VulnerablePackage>.Of(packages) };
        var rows = finding.PerPackage().ToList();
        Assert.Equal(["log4j-core 2.14.1 2.15.0", "log4j-api 1:2.14.1-1.amzn2023 2.15.0", "log4j-web 2.14.1 "],
            rows.Select(r => $"{r.PackageName} {r.InstalledVersion} {r.FixedInVersion}"));
        Assert.All(rows, r => Assert.Equal("CVE-2021-44228", r.VulnerabilityId));
        Assert.Equal(packages, rows.Select(r => Assert.Single(r.VulnerablePackages)));
        var single = finding with { VulnerablePackages = ValueList<VulnerablePackage>.Of([packages[0]]) };
        Assert.Same(single, Assert.Single(single.PerPackage()));
    }

    [Fact]
    public void Region_names_come_from_the_sdks_endpoint_data()
    {
        var regions = AwsNames.Regions();
        Assert.Contains("us-east-1", regions);
        Assert.Contains("eu-west-1", regions);
        Assert.Equal(regions.Order(StringComparer.Ordinal), regions);
    }

    [Fact]
    public void Profile_names_are_read_from_the_files_each_time()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[dev]\naws_access_key_id = AKIAEXAMPLE000000000\naws_secret_access_key = secret\n");
            Assert.Equal(["dev"], AwsNames.Profiles(file));
            File.AppendAllText(file, "[prod]\naws_access_key_id = AKIAEXAMPLE000000001\naws_secret_access_key = secret\n");
            Assert.Equal(["dev", "prod"], AwsNames.Profiles(file));
            Assert.Empty(AwsNames.Profiles(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
