
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>A gate handed nothing never passes: it fails on what it could not judge, before any request.</summary>
public sealed class ScanGateInputTests
{
    private static ScanGate Gate() => new(_ => throw new InvalidOperationException("no request may be sent"), new GateEvaluator());

    [Fact]
    public async Task No_findings_and_no_build_named_is_refused_as_nothing_to_judge()
    {
        var error = await Assert.ThrowsAsync<ScanInputException>(async () =>
        {
            await foreach (var _ in Gate().EvaluateFindingsAsync([], [], new GatePolicy(), null)) { }
        });
        Assert.Contains("nothing to judge", error.Message);
        Assert.Equal("InputObject", error.ParameterName);
    }

    [Fact]
    public async Task No_build_named_is_refused_as_nothing_to_judge()
    {
        var error = await Assert.ThrowsAsync<ScanInputException>(async () =>
        {
            await foreach (var _ in Gate().EvaluateAsync([], new GatePolicy(), null)) { }
        });
        Assert.Contains("nothing to judge", error.Message);
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(null, true, "previous")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1", false, "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1")]
    public void A_named_baseline_implies_new_only(string? named, bool newOnly, string? expected)
    {
        var baseline = GateBaseline.For(named, newOnly);
        Assert.Equal(expected, baseline is null ? null : baseline.ImageBuildVersionArn ?? "previous");
    }
}
