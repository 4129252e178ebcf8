namespace ImageBuilderScan.Engine.Tests.Findings;

/// <summary>
/// FindingRow: the one home of a row's package name, installed version and fix, which the reports, the comparison
/// and the finding table's package cell show (tests/ImageBuilderScan.Module.Tests/Adapter/PackageCellTests.cs checks
/// the cell against these rows).
/// </summary>
public sealed class FindingRowTests
{
    /// <summary>A finding as the client builds one: the first package lifted to the finding.</summary>
    internal static ScanFinding With(params VulnerablePackage[] packages) => new()
    {
        VulnerabilityId = "CVE-2025-38064",
        Severity = "HIGH",
        VulnerablePackages = packages,
        PackageName = packages.Length > 0 ? packages[0].Name : null,
        InstalledVersion = packages.Length > 0 ? packages[0].InstalledVersion() : null,
        FixedInVersion = packages.Length > 0 ? packages[0].FixedInVersion : null,
    };

    /// <summary>Packages with each version part missing in turn, and one of each kind of fix.</summary>
    internal static VulnerablePackage[] MissingParts =>
    [
        new() { Name = "kernel", Version = "6.1.0", Epoch = 1, Release = "1.amzn2023", FixedInVersion = "6.1.1" },
        // No version: a release or an epoch alone is no installed version (not "-1.el9" nor "2:").
        new() { Name = "openssl", Version = null, Epoch = 2, Release = "1.el9", FixedInVersion = "NotAvailable" },
        new() { Name = "zlib", Version = "1.2.13", Epoch = 0, Release = "", FixedInVersion = null },
        new() { Name = "curl", Version = "8.5.0", Epoch = null, Release = "3", FixedInVersion = " " },
    ];

    [Fact]
    public void Each_package_is_a_row_with_the_models_installed_version_and_fix()
    {
        var rows = FindingRow.Of(With(MissingParts));
        Assert.Equal(["kernel", "openssl", "zlib", "curl"], rows.Select(r => r.PackageName));
        Assert.Equal(["1:6.1.0-1.amzn2023", null, "1.2.13", "8.5.0-3"], rows.Select(r => r.InstalledVersion));
        Assert.Equal(MissingParts.Select(p => p.InstalledVersion()), rows.Select(r => r.InstalledVersion));
        // NotAvailable, none and blank are no fix.
        Assert.Equal(["6.1.1", null, null, null], rows.Select(r => r.FixedInVersion));
    }

    [Fact]
    public void A_finding_without_packages_is_one_row_of_its_own_lifted_members()
    {
        var finding = With() with { PackageName = "glibc", InstalledVersion = "2.34", FixedInVersion = "2.35" };
        var row = Assert.Single(FindingRow.Of(finding));
        Assert.Null(row.Package);
        Assert.Equal(("glibc", "2.34", "2.35"), (row.PackageName, row.InstalledVersion, row.FixedInVersion));
        Assert.Equal("", Assert.Single(FindingRow.Of(With())).PackageName);
    }

    [Fact]
    public void A_package_without_a_name_has_none_and_never_borrows_the_findings()
    {
        // The finding's PackageName is the first package's lifted: a second, unnamed package taking it would be matched
        // by that package's exceptions and inherited under its key.
        var finding = With(new VulnerablePackage { Name = "openssl", Version = "1.0" }, new VulnerablePackage { Version = "1.0" });
        var rows = FindingRow.Of(finding);
        Assert.Equal(["openssl", ""], rows.Select(r => r.PackageName));
        Assert.Equal([true, false], rows.Select(r => r.IsNamed));
    }
}
