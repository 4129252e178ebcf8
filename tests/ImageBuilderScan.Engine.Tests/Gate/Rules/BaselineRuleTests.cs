using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate.Rules;

public sealed class BaselineRuleTests
{
    private static GateContext Context(FindingBaseline? baseline) => new(new GatePolicy { Baseline = baseline }, Pipeline, DateTime.UtcNow);

    [Fact]
    public void A_finding_already_in_the_baseline_is_inherited()
    {
        var outcome = new BaselineRule().Judge(Finding("CVE-1", "HIGH"), Context(new FindingBaseline([Finding("CVE-1", "HIGH", arn: NextImage)])));
        Assert.Equal(FindingVerdict.Inherited, outcome?.Verdict);
    }

    [Fact]
    public void A_new_package_of_a_known_vulnerability_is_new()
    {
        var baseline = new FindingBaseline([Finding("CVE-1", "HIGH", package: "openssl")]);
        Assert.Null(new BaselineRule().Judge(Finding("CVE-1", "HIGH", "openssl", morePackages: "curl"), Context(baseline)));
    }

    [Fact]
    public void Without_a_baseline_the_rule_takes_nothing_out() =>
        Assert.Null(new BaselineRule().Judge(Finding("CVE-1", "HIGH"), Context(null)));
}
