namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// A rule that takes a finding out of the count when one condition holds and has nothing more to say about it (no
/// entry, no reason, unlike <see cref="ExceptionRule"/>): the rule names its verdict and label and writes the condition.
/// </summary>
public abstract class ConditionRule(FindingVerdict verdict, string summaryLabel) : IFindingRule
{
    public FindingVerdict Verdict { get; } = verdict;

    public string SummaryLabel { get; } = summaryLabel;

    public FindingOutcome? Judge(ScanFinding finding, GateContext context) =>
        TakesOut(finding, context) ? new FindingOutcome(finding, Verdict) : null;

    /// <summary>True when this rule takes <paramref name="finding"/> out of the count.</summary>
    protected abstract bool TakesOut(ScanFinding finding, GateContext context);
}
