using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>
/// The findings of a reference build (say, the last released image), as a set of keys with the most severe rating each
/// had there, for "new findings only". A current finding is inherited when every one of its (vulnerability id, package)
/// rows was already in the baseline at the same or a higher severity, and new as soon as one is not: a new vulnerable
/// package of a known CVE is new work, and so is a finding that got worse (LOW there, CRITICAL now is new at CRITICAL).
/// A row that cannot be told apart from an unrelated one is never inherited: a finding with no vulnerability id, or a
/// package with no name (see <see cref="FindingRow.IsNamed"/>). A severity this version does not know vouches for nothing.
/// </summary>
public sealed class FindingBaseline
{
    private readonly Dictionary<FindingKey, FindingSeverity> keys = [];

    /// <param name="imageBuildVersionArn">The baseline build, shown on the gate's result; null when the findings came from elsewhere.</param>
    public FindingBaseline(IEnumerable<ScanFinding> baselineFindings, string? imageBuildVersionArn = null)
    {
        ArgumentNullException.ThrowIfNull(baselineFindings);
        ImageBuildVersionArn = imageBuildVersionArn;
        foreach (var row in FindingRow.Of(baselineFindings))
        {
            if (!row.IsNamed || SeverityRank.Of(row.Finding.Severity) is not { } severity) continue;
            if (!keys.TryGetValue(row.Key, out var kept) || severity > kept) keys[row.Key] = severity;
        }
    }

    public string? ImageBuildVersionArn { get; }

    public int Count => keys.Count;

    public bool Contains(FindingKey key) => keys.ContainsKey(key);

    public bool IsInherited(ScanFinding finding)
    {
        if (SeverityRank.Of(finding.Severity) is not { } severity) return false;
        return FindingRow.Of(finding).All(r => r.IsNamed && keys.TryGetValue(r.Key, out var then) && then >= severity);
    }

    /// <summary>The current findings that are new against the baseline, in their order.</summary>
    public IReadOnlyList<ScanFinding> NewFindings(IEnumerable<ScanFinding> currentFindings) =>
        currentFindings.Where(f => !IsInherited(f)).ToList();
}
