using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>The one-line verdict of a <see cref="GateResult"/>.</summary>
internal static class GateSummary
{
    public static string Compose(
        string? scanProblem, ImageScanState? state, GatePolicy policy, SeverityCounts counts,
        IReadOnlyList<FindingSeverity> failed, IReadOnlyList<FindingOutcome> outcomes, IReadOnlyList<IFindingRule> rules, int expiredMatches)
    {
        var text = new StringBuilder(scanProblem is null && failed.Count == 0 ? "PASSED" : "FAILED");
        var parts = new List<string>();
        if (scanProblem is not null) parts.Add(scanProblem);
        if (failed.Count > 0)
        {
            parts.Add(string.Join(", ", failed.Select(s => Count(counts[s], s, policy.AllowanceFor(s)))) + $" at or above {policy.FailOn.ToServiceName()}");
        }
        else
        {
            var within = SeverityRank.Descending.Where(s => s >= policy.FailOn && counts[s] > 0).ToList();
            if (within.Count > 0) parts.Add(string.Join(", ", within.Select(s => Count(counts[s], s, policy.AllowanceFor(s)))) + " within allowance");
        }
        if (scanProblem is null && state is not null && !state.IsComplete) parts.Add($"judged on an incomplete scan ({ScanText(state)})");
        var extras = new List<string>();
        // Rules that give the same verdict are counted together, under the first one's label.
        foreach (var rule in rules.DistinctBy(r => r.Verdict)) AddCount(extras, outcomes.Count(o => o.Verdict == rule.Verdict), rule.SummaryLabel);
        if (expiredMatches > 0) extras.Add($"{expiredMatches} expired exception match{(expiredMatches == 1 ? "" : "es")}");
        if (extras.Count > 0) parts.Add(string.Join(", ", extras));
        if (parts.Count > 0) text.Append(": ").Append(string.Join("; ", parts));
        return text.ToString();
    }

    public static string ScanText(ImageScanState state) => state.ImageUnderWay || state.ImageGone
        ? $"image {InputDisplay.Show(state.ImageStatus)}"
        : $"scan {(state.Status is null ? "status unknown" : InputDisplay.Show(state.Status))}{(string.IsNullOrWhiteSpace(state.Reason) ? "" : $" ({InputDisplay.Show(state.Reason)})")}";

    private static string Count(int count, FindingSeverity severity, int allowed) =>
        allowed > 0 ? $"{count} {severity.ToServiceName()} (allowed {allowed})" : $"{count} {severity.ToServiceName()}";

    private static void AddCount(List<string> parts, int count, string what)
    {
        if (count > 0) parts.Add($"{count} {what}");
    }
}
