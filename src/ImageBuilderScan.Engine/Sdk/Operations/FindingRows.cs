using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// A finding as one row per vulnerable package, for spreadsheets (Export-Csv and Export-Excel write
/// a list as one cell): each row is the finding with that package lifted to PackageName,
/// InstalledVersion and FixedInVersion, and VulnerablePackages holding that package only.
/// </summary>
public static class FindingRows
{
    public static IEnumerable<ScanFinding> PerPackage(ScanFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.VulnerablePackages.Count <= 1) return [finding];
        // The same rows the comparison and the reports are made of (Comparison.FindingRow).
        return Comparison.FindingRow.Of(finding).Select(row => finding with
        {
            PackageName = row.Package!.Name,
            InstalledVersion = row.InstalledVersion,
            FixedInVersion = row.FixedInVersion,
            VulnerablePackages = ValueList<VulnerablePackage>.Of([row.Package!]),
        });
    }
}
