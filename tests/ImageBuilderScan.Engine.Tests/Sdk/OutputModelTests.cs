using System.Reflection;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>The output objects as PowerShell sees them (issue 13 point 8, issue 12's adapter cost).</summary>
public sealed class OutputModelTests
{
    public static TheoryData<Type> OutputTypes => new()
    {
        typeof(ScanFindingAggregation), typeof(ScanFinding), typeof(VulnerablePackage), typeof(CvssScore), typeof(CvssScoreAdjustment),
    };

    /// <summary>PowerShell sets any property with a public setter, init-only ones included.</summary>
    [Theory]
    [MemberData(nameof(OutputTypes))]
    public void No_public_property_has_a_public_setter(Type type)
    {
        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetSetMethod() is not null).Select(p => p.Name);
        Assert.Empty(settable);
    }

    [Fact]
    public void Kind_is_the_kinds_name()
    {
        Assert.Equal(["Unknown", "Account", "Image", "ImagePipeline", "VulnerabilityId"],
            Enum.GetValues<AggregationKind>().Select(k => new ScanFindingAggregation { KindValue = k }.Kind));
        Assert.Equal(typeof(string), typeof(ScanFindingAggregation).GetProperty(nameof(ScanFindingAggregation.Kind))!.PropertyType);
    }

    [Fact]
    public void Arn_parts_are_split_once_and_follow_a_copy_with_another_key()
    {
        var image = new ScanFindingAggregation { KindValue = AggregationKind.Image, Key = "arn:aws:imagebuilder:eu-west-1:123456789012:image/web/2.0.1/7" };
        Assert.Same(image.ImageName, image.ImageName); // the same string: not split again
        var other = image with { Key = "arn:aws:imagebuilder:us-east-2:123456789012:image/api/1.0.0/1" };
        Assert.Equal(("api", "us-east-2"), (other.ImageName, other.Region));
        Assert.Equal(("web", "eu-west-1"), (image.ImageName, image.Region));
        Assert.Equal(image, image with { });
        var broken = new ScanFindingAggregation { KindValue = AggregationKind.Image, Key = "not-an-arn" };
        Assert.Null(broken.Region);
        Assert.Null(broken.ImageName);
    }

    [Fact]
    public void Severity_compares_by_rank_and_equals_its_name_in_any_case()
    {
        var names = new[] { "HIGH", "LOW", "CRITICAL", "UNTRIAGED", "MEDIUM", "INFORMATIONAL", "NEWFANGLED" };
        var sorted = names.Select(ScanSeverity.Of).Order().Select(s => s!.ToString());
        Assert.Equal(["NEWFANGLED", "UNTRIAGED", "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"], sorted);
        var high = ScanSeverity.Of("HIGH")!;
        Assert.True(high.Equals("high"));
        Assert.Equal(ScanSeverity.Of("high"), high);
        Assert.True(high.CompareTo("MEDIUM") > 0);
        Assert.True(high.CompareTo((object)"CRITICAL") < 0);
        Assert.Null(ScanSeverity.Of(null));
        Assert.Equal(4, high.Rank);
    }
}
