namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// A finding that an unexpired entry of the exceptions file matches is suppressed (the first such entry
/// gives the reason). Expired entries that match suppress nothing; they are collected for the warning.
/// </summary>
public sealed class ExceptionRule : IFindingRule
{
    public FindingVerdict Verdict => FindingVerdict.Suppressed;

    public string SummaryLabel => "suppressed";

    public FindingOutcome? Judge(ScanFinding finding, GateContext context)
    {
        ExceptionEntry? active = null;
        foreach (var entry in context.Policy.Exceptions.Entries)
        {
            if (!entry.Matches(finding, context.ImagePipelineArn)) continue;
            if (entry.IsExpired(context.NowUtc)) context.ExpiredMatches.Add(new ExpiredExceptionMatch(finding, entry));
            else active ??= entry;
        }

        return active is null ? null : new FindingOutcome(finding, Verdict, active);
    }
}
