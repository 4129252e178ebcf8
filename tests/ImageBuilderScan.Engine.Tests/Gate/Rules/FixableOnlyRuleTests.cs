using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate.Rules;

public sealed class FixableOnlyRuleTests
{
    private static GateContext Context(bool fixableOnly) => new(new GatePolicy { FixableOnly = fixableOnly }, Pipeline, DateTime.UtcNow);

    [Theory]
    [InlineData("NO")]
    [InlineData(null)]
    public void With_FixableOnly_a_finding_without_a_fix_does_not_count(string? fix) =>
        Assert.Equal(FindingVerdict.NotFixable, new FixableOnlyRule().Judge(WithoutAFix(Finding("CVE-1", "HIGH", fix: fix)), Context(true))?.Verdict);

    [Theory]
    [InlineData("YES")]
    [InlineData("PARTIAL")]
    public void With_FixableOnly_a_fixable_finding_counts(string fix) =>
        Assert.Null(new FixableOnlyRule().Judge(WithoutAFix(Finding("CVE-1", "HIGH", fix: fix)), Context(true)));

    [Theory]
    [InlineData("NO")]
    [InlineData(null)]
    public void A_package_that_names_a_fix_makes_the_finding_fixable_whatever_fixAvailable_says(string? fix)
    {
        // NO beside a named fixed-in version contradicts itself: the named fix is the evidence, so the finding counts.
        var second = Finding("CVE-1", "HIGH", fix: fix, morePackages: "openssl-libs");
        var finding = WithoutAFix(second) with { VulnerablePackages = [WithoutAFix(second).VulnerablePackages[0], second.VulnerablePackages[1]] };
        Assert.Null(new FixableOnlyRule().Judge(finding, Context(true)));
    }

    [Theory]
    [InlineData("NO", false)]
    [InlineData("YES", false)]
    [InlineData("PARTIAL", false)]
    [InlineData(null, false)]
    [InlineData("", true)]
    [InlineData("yes", true)]
    [InlineData("YES\u200B", true)]
    [InlineData("AVAILABLE", true)]
    public void A_fixAvailable_outside_YES_NO_PARTIAL_exactly_is_unknown(string? fix, bool unknown) =>
        Assert.Equal(unknown, FixableOnlyRule.IsUnknown(fix));

    [Fact]
    public void Without_FixableOnly_the_rule_takes_nothing_out() =>
        Assert.Null(new FixableOnlyRule().Judge(WithoutAFix(Finding("CVE-1", "HIGH", fix: "NO")), Context(false)));
}
