using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// With -FixableOnly, a finding with no fix yet does not count: fixAvailable YES or PARTIAL (some of the
/// vulnerable packages have a fix, so there is work to do) counts; NO and a missing value do not.
/// </summary>
public sealed class FixableOnlyRule : IFindingRule
{
    public FindingVerdict Verdict => FindingVerdict.NotFixable;

    public string SummaryLabel => "not fixable";

    public FindingOutcome? Judge(ScanFinding finding, GateContext context) =>
        context.Policy.FixableOnly && !IsFixable(finding.FixAvailable) ? new FindingOutcome(finding, Verdict) : null;

    public static bool IsFixable(string? fixAvailable) =>
        string.Equals(fixAvailable, "YES", StringComparison.OrdinalIgnoreCase) || string.Equals(fixAvailable, "PARTIAL", StringComparison.OrdinalIgnoreCase);
}
