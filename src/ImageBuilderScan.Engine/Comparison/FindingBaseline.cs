using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>
/// The findings of a reference build (say, the last released image), as a set of keys, for "new
/// findings only": a current finding is inherited when every one of its (vulnerability id, package)
/// keys was already in the baseline, and new as soon as one is not (a new vulnerable package of a
/// known CVE is new work).
/// </summary>
public sealed class FindingBaseline
{
    private readonly HashSet<FindingKey> keys;

    /// <param name="imageBuildVersionArn">The baseline build, shown on the gate's result; null when the findings came from elsewhere.</param>
    public FindingBaseline(IEnumerable<ScanFinding> baselineFindings, string? imageBuildVersionArn = null)
    {
        ArgumentNullException.ThrowIfNull(baselineFindings);
        ImageBuildVersionArn = imageBuildVersionArn;
        keys = FindingRow.Of(baselineFindings).Select(r => r.Key).ToHashSet();
    }

    public string? ImageBuildVersionArn { get; }

    public int Count => keys.Count;

    public bool Contains(FindingKey key) => keys.Contains(key);

    public bool IsInherited(ScanFinding finding) => FindingRow.Of(finding).All(r => keys.Contains(r.Key));

    /// <summary>The current findings that are new against the baseline, in their order.</summary>
    public IReadOnlyList<ScanFinding> NewFindings(IEnumerable<ScanFinding> currentFindings) =>
        currentFindings.Where(f => !IsInherited(f)).ToList();
}
