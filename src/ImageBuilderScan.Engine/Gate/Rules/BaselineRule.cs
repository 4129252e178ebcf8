namespace ImageBuilderScan.Engine.Gate;

/// <summary>With a baseline (-NewOnly, -BaselineImageBuildVersionArn), a finding already in it is inherited, not new.</summary>
public sealed class BaselineRule() : ConditionRule(FindingVerdict.Inherited, "inherited")
{
    protected override bool TakesOut(ScanFinding finding, GateContext context) => context.Policy.Baseline?.IsInherited(finding) == true;
}
