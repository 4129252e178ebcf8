using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Comparison;

public sealed class FindingBaselineTests
{
    private static ScanFinding WithSecondPackageUnnamed(ScanFinding finding) =>
        finding with { VulnerablePackages = [finding.VulnerablePackages[0], finding.VulnerablePackages[1] with { Name = null }] };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_finding_with_no_vulnerability_id_is_never_inherited(string? id)
    {
        // Keyed by (id ?? "", package), an unrelated LOW without an id would vouch for a CRITICAL without one.
        var baseline = new FindingBaseline([Finding("X", "CRITICAL", "openssl") with { VulnerabilityId = id }]);
        Assert.False(baseline.IsInherited(Finding("X", "CRITICAL", "openssl") with { VulnerabilityId = id }));
        Assert.Equal(0, baseline.Count);
    }

    [Fact]
    public void An_unnamed_package_is_never_inherited_by_another_packages_name()
    {
        // The finding lifts its first package's name; the unnamed second package must not be keyed by it.
        var baseline = new FindingBaseline([Finding("CVE-1", "CRITICAL", "openssl", morePackages: "x")]);
        var current = WithSecondPackageUnnamed(Finding("CVE-1", "CRITICAL", "openssl", morePackages: "x"));
        Assert.False(baseline.IsInherited(current));
        Assert.False(new FindingBaseline([current]).IsInherited(current));
        Assert.Equal("", FindingRow.Of(current)[1].PackageName);
    }

    [Theory]
    [InlineData("LOW", "CRITICAL", false)]
    [InlineData("HIGH", "CRITICAL", false)]
    [InlineData("UNTRIAGED", "INFORMATIONAL", false)]
    [InlineData("CRITICAL", "CRITICAL", true)]
    [InlineData("CRITICAL", "LOW", true)]
    [InlineData("LOW", "UNTRIAGED", true)]
    public void A_finding_is_inherited_only_at_the_same_or_a_lower_severity_than_the_baseline_had(string then, string now, bool inherited) =>
        Assert.Equal(inherited, new FindingBaseline([Finding("CVE-1", then)]).IsInherited(Finding("CVE-1", now)));

    [Fact]
    public void The_most_severe_rating_of_a_key_in_the_baseline_is_the_one_kept()
    {
        var baseline = new FindingBaseline([Finding("CVE-1", "LOW"), Finding("CVE-1", "HIGH")]);
        Assert.True(baseline.IsInherited(Finding("CVE-1", "HIGH")));
        Assert.False(baseline.IsInherited(Finding("CVE-1", "CRITICAL")));
    }

    [Fact]
    public void A_severity_this_version_does_not_know_vouches_for_nothing_and_is_not_inherited()
    {
        Assert.False(new FindingBaseline([Finding("CVE-1", "SEVERE")]).IsInherited(Finding("CVE-1", "LOW")));
        Assert.False(new FindingBaseline([Finding("CVE-1", "CRITICAL")]).IsInherited(Finding("CVE-1", "SEVERE")));
    }

    [Fact]
    public void Under_the_gate_a_worsened_finding_counts_at_its_new_severity()
    {
        var policy = new GatePolicy { Baseline = new FindingBaseline([Finding("CVE-1", "LOW")]) };
        var result = Gate.GateEvaluatorTests.Evaluate(Complete(), [Finding("CVE-1", "CRITICAL")], policy);
        Assert.False(result.Passed);
        Assert.Equal(0, result.InheritedCount);
        Assert.Equal(1, result.Counts.Critical);
    }
}
