using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate.Rules;

public sealed class FixableOnlyRuleTests
{
    private static GateContext Context(bool fixableOnly) => new(new GatePolicy { FixableOnly = fixableOnly }, Pipeline, DateTime.UtcNow);

    [Theory]
    [InlineData("NO")]
    [InlineData(null)]
    [InlineData("")]
    public void With_FixableOnly_a_finding_without_a_fix_does_not_count(string? fix) =>
        Assert.Equal(FindingVerdict.NotFixable, new FixableOnlyRule().Judge(Finding("CVE-1", "HIGH", fix: fix), Context(true))?.Verdict);

    [Theory]
    [InlineData("YES")]
    [InlineData("partial")]
    public void With_FixableOnly_a_fixable_finding_counts(string fix) =>
        Assert.Null(new FixableOnlyRule().Judge(Finding("CVE-1", "HIGH", fix: fix), Context(true)));

    [Fact]
    public void Without_FixableOnly_the_rule_takes_nothing_out() =>
        Assert.Null(new FixableOnlyRule().Judge(Finding("CVE-1", "HIGH", fix: "NO"), Context(false)));
}
