namespace ImageBuilderScan.Engine.Findings;

/// <summary>
/// One vulnerability in one package: a finding with several vulnerable packages gives one row per
/// package, a finding with none gives one row with an empty <see cref="PackageName"/>. Comparisons,
/// SARIF results and JUnit test cases are made of rows; the gate counts findings.
/// </summary>
public sealed record FindingRow(ScanFinding Finding, VulnerablePackage? Package)
{
    public FindingKey Key => new(Finding.VulnerabilityId ?? "", PackageName);

    /// <summary>This row's package's own name ("" when it has none: never the first package's name lifted onto the finding).</summary>
    public string PackageName => (Package is null ? Finding.PackageName : Package.Name) ?? "";

    /// <summary>
    /// True when the row names what it is: a vulnerability id, and a package name when the row is a package's. A row
    /// without one has a key it shares with unrelated rows, so it is never taken as the same as another (never inherited).
    /// </summary>
    public bool IsNamed => !string.IsNullOrEmpty(Finding.VulnerabilityId) && (Package is null || !string.IsNullOrEmpty(Package.Name));

    /// <summary><c>[epoch:]version[-release]</c> of this row's package (the epoch only when non-zero).</summary>
    public string? InstalledVersion => Package is null ? Finding.InstalledVersion : Package.InstalledVersion();

    /// <summary>The version that fixes this row's package; null when there is none (<see cref="FixedIn"/>: <c>NotAvailable</c> is no fix).</summary>
    public string? FixedInVersion => FixedIn.Version(Package is null ? Finding.FixedInVersion : Package.FixedInVersion);

    /// <summary>The rows of a finding, in the order of its packages.</summary>
    public static IReadOnlyList<FindingRow> Of(ScanFinding finding)
    {
        if (finding.VulnerablePackages.Count == 0) return [new FindingRow(finding, null)];
        var rows = new FindingRow[finding.VulnerablePackages.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = new FindingRow(finding, finding.VulnerablePackages[i]);
        return rows;
    }

    public static IEnumerable<FindingRow> Of(IEnumerable<ScanFinding> findings) => findings.SelectMany(Of);
}

/// <summary>
/// What makes two rows the same vulnerability: the vulnerability id and the package name, compared
/// ordinally. The architecture, version and image are left out on purpose: a rebuild that bumps the
/// version (or the image build) of a still-vulnerable package is the same problem, not a fix plus a
/// new finding.
/// </summary>
public readonly record struct FindingKey(string VulnerabilityId, string PackageName)
{
    public override string ToString() => PackageName.Length == 0 ? VulnerabilityId : $"{VulnerabilityId} {PackageName}";
}
