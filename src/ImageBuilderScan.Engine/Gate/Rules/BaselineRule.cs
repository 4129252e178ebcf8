using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>With a baseline (-NewOnly, -BaselineImageBuildVersionArn), a finding already in it is inherited, not new.</summary>
public sealed class BaselineRule : IFindingRule
{
    public FindingVerdict Verdict => FindingVerdict.Inherited;

    public string SummaryLabel => "inherited";

    public FindingOutcome? Judge(ScanFinding finding, GateContext context) =>
        context.Policy.Baseline?.IsInherited(finding) == true ? new FindingOutcome(finding, Verdict) : null;
}
