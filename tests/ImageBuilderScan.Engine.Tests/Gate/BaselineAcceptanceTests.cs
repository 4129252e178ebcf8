
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>A named baseline must be another, older build of the same pipeline (unless -Force).</summary>
public sealed class BaselineAcceptanceTests
{
    private static readonly DateTime Built = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static ImageScanState Build(string arn, DateTime? created, string? pipeline = TestFindings.Pipeline) => new(arn, pipeline, "COMPLETED", null, true, created);

    [Fact]
    public void An_older_build_of_the_same_pipeline_is_accepted() =>
        BaselineAcceptance.Check(Build(TestFindings.NextImage, Built), Build(TestFindings.Image, Built.AddDays(-1)));

    public static TheoryData<string, ImageScanState, string> Refused() => new()
    {
        { "the build itself", Build(TestFindings.NextImage, Built), "is the build being judged" },
        { "a newer build", Build(TestFindings.Image, Built.AddDays(1)), "is not older than the build" },
        { "a build of the same time", Build(TestFindings.Image, Built), "is not older than the build" },
        { "another pipeline", Build(TestFindings.Image, Built.AddDays(-1), TestFindings.Pipeline + "-other"), "is of another pipeline" },
        { "no creation date", Build(TestFindings.Image, null), "no creation date" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_baseline_is_refused_naming_why_and_Force(string _, ImageScanState baseline, string why)
    {
        var e = Assert.Throws<ScanStateException>(() => BaselineAcceptance.Check(Build(TestFindings.NextImage, Built), baseline));
        Assert.Equal(BaselineAcceptance.RefusedId, e.ErrorId);
        Assert.Contains(why, e.Message);
        Assert.Contains("-Force", e.Message);
        Assert.Contains(baseline.ImageBuildVersionArn, e.Message);
    }

    [Fact]
    public void Force_is_carried_by_a_named_baseline_only()
    {
        Assert.True(GateBaseline.For(TestFindings.Image, newOnly: false, force: true)!.Force);
        Assert.False(GateBaseline.For(null, newOnly: true, force: true)!.Force);
    }
}
