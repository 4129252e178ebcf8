namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// With -FixableOnly, a finding with no fix yet does not count: fixAvailable YES or PARTIAL (some of the
/// vulnerable packages have a fix, so there is work to do) counts; NO and a missing value do not.
/// </summary>
public sealed class FixableOnlyRule() : ConditionRule(FindingVerdict.NotFixable, "not fixable")
{
    protected override bool TakesOut(ScanFinding finding, GateContext context) => context.Policy.FixableOnly && !IsFixable(finding.FixAvailable);

    public static bool IsFixable(string? fixAvailable) =>
        string.Equals(fixAvailable, "YES", StringComparison.OrdinalIgnoreCase) || string.Equals(fixAvailable, "PARTIAL", StringComparison.OrdinalIgnoreCase);
}
