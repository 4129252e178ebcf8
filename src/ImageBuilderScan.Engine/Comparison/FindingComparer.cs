using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>
/// Compares the findings of two builds (typically two builds of one pipeline) row by row, keyed by
/// <see cref="FindingKey"/> (vulnerability id and package name, ordinal).
/// </summary>
public static class FindingComparer
{
    /// <summary>
    /// One <see cref="FindingChange"/> per key present on either side. A key that occurs more than
    /// once on one side (the same package in two architectures or two paths) is one row: the most
    /// severe occurrence (one whose severity this version does not know counts as the most severe), the first
    /// of equals. Ordered by change (Added, SeverityChanged, Fixed, Unchanged), then severity (the more severe side) descending, vulnerability id, package name.
    /// A row that does not name what it is (no vulnerability id, or a package with no name: <see cref="FindingRow.IsNamed"/>)
    /// shares its key with unrelated rows, so it is never merged with another row nor matched across the builds: each is a
    /// row of its own, Added in the difference build, Fixed in the reference (never Unchanged, which could hide a new one).
    /// </summary>
    public static IReadOnlyList<FindingChange> Compare(IEnumerable<ScanFinding> referenceFindings, IEnumerable<ScanFinding> differenceFindings)
    {
        ArgumentNullException.ThrowIfNull(referenceFindings);
        ArgumentNullException.ThrowIfNull(differenceFindings);
        var (reference, referenceUnnamed) = Index(referenceFindings);
        var (difference, differenceUnnamed) = Index(differenceFindings);
        var changes = new List<FindingChange>(Math.Max(reference.Count, difference.Count) + referenceUnnamed.Count + differenceUnnamed.Count);
        foreach (var (key, after) in difference)
        {
            reference.TryGetValue(key, out var before);
            changes.Add(Change(key, before, after));
        }
        foreach (var (key, before) in reference)
        {
            if (!difference.ContainsKey(key)) changes.Add(Change(key, before, null));
        }
        changes.AddRange(differenceUnnamed.Select(after => Change(after.Key, null, after)));
        changes.AddRange(referenceUnnamed.Select(before => Change(before.Key, before, null)));
        // Stable: unnamed rows of one key keep their listing order.
        return changes
            .OrderBy(c => c.Change)
            .ThenByDescending(c => (int)Max(c.ReferenceSeverity, c.DifferenceSeverity))
            .ThenBy(c => c.VulnerabilityId, StringComparer.Ordinal)
            .ThenBy(c => c.PackageName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The current findings that are not in the baseline (see <see cref="FindingBaseline"/>).</summary>
    public static IReadOnlyList<ScanFinding> NewFindings(IEnumerable<ScanFinding> baselineFindings, IEnumerable<ScanFinding> currentFindings) =>
        new FindingBaseline(baselineFindings).NewFindings(currentFindings);

    /// <summary>The named rows by key (the most severe of a key, the first of equals), and the unnamed rows each on its own.</summary>
    private static (Dictionary<FindingKey, FindingRow> Named, List<FindingRow> Unnamed) Index(IEnumerable<ScanFinding> findings)
    {
        var index = new Dictionary<FindingKey, FindingRow>();
        var unnamed = new List<FindingRow>();
        foreach (var row in FindingRow.Of(findings))
        {
            if (!row.IsNamed) unnamed.Add(row);
            else if (!index.TryGetValue(row.Key, out var kept) || KeepRank(row.Finding.Severity) > KeepRank(kept.Finding.Severity))
                index[row.Key] = row;
        }
        return (index, unnamed);
    }

    private static FindingChange Change(FindingKey key, FindingRow? before, FindingRow? after)
    {
        var kind = (before, after) switch
        {
            (null, _) => ChangeKind.Added,
            (_, null) => ChangeKind.Fixed,
            _ when !string.Equals(before.Finding.Severity, after.Finding.Severity, StringComparison.Ordinal) => ChangeKind.SeverityChanged,
            _ => ChangeKind.Unchanged,
        };
        return new FindingChange
        {
            Change = kind,
            VulnerabilityId = key.VulnerabilityId,
            PackageName = key.PackageName,
            ReferenceSeverity = before?.Finding.Severity,
            DifferenceSeverity = after?.Finding.Severity,
            ReferenceInstalledVersion = before?.InstalledVersion,
            DifferenceInstalledVersion = after?.InstalledVersion,
            FixedInVersion = after?.FixedInVersion ?? before?.FixedInVersion,
            ReferenceImageBuildVersionArn = before?.Finding.ImageBuildVersionArn,
            DifferenceImageBuildVersionArn = after?.Finding.ImageBuildVersionArn,
            Title = after?.Finding.Title ?? before?.Finding.Title,
            ReferenceFinding = before?.Finding,
            DifferenceFinding = after?.Finding,
        };
    }

    private static int Max(string? a, string? b) => Math.Max(Rank(a), Rank(b));

    // A severity this version does not know (kept as sent) sorts after the known ones.
    private static int Rank(string? severity) => SeverityRank.Of(severity) is { } known ? (int)known : -1;

    // Which occurrence of a key stands for it: the most severe, and one whose severity this version does not know above all
    // (fail closed): ranked lowest, it lost to a known LOW and the change the service reported was dropped.
    private static int KeepRank(string? severity) => SeverityRank.Of(severity) is { } known ? (int)known : int.MaxValue;
}
