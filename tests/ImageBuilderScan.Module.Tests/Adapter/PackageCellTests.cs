using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Module.Tests.Adapter;

/// <summary>
/// The finding table's package cell (TypeDataMembers.Packages) shows exactly what FindingRow says of each row: its
/// package name, installed version and fix, with no version text of its own (a package without a version shows none,
/// not the release or the epoch alone). tests/Views.Tests.ps1 checks the same cell through Format-Table.
/// </summary>
public sealed class PackageCellTests
{
    private static readonly VulnerablePackage[] Packages =
    [
        new() { Name = "kernel", Version = "6.1.0", Epoch = 1, Release = "1.amzn2023", FixedInVersion = "6.1.1" },
        new() { Name = "openssl", Version = null, Epoch = 2, Release = "1.el9", FixedInVersion = "NotAvailable" },
        new() { Name = "zlib", Version = "1.2.13", Epoch = 0, Release = "" },
    ];

    private static ScanFinding Finding(params VulnerablePackage[] packages) => new()
    {
        VulnerabilityId = "CVE-2025-38064", Severity = "HIGH", VulnerablePackages = packages,
        PackageName = packages.FirstOrDefault()?.Name, InstalledVersion = packages.FirstOrDefault()?.InstalledVersion(),
        FixedInVersion = packages.FirstOrDefault()?.FixedInVersion,
    };

    [Fact]
    public void Each_line_is_a_rows_name_installed_version_and_fix()
    {
        var finding = Finding(Packages);
        var expected = FindingRow.Of(finding).Select(r => string.Join(' ', new[] { r.PackageName, r.InstalledVersion, "-> " + FixedIn.Label(r.FixedInVersion) }
            .Where(w => !string.IsNullOrEmpty(w))));
        Assert.Equal(string.Join('\n', expected), TypeDataMembers.PackageCell(finding));
        Assert.Equal("kernel 1:6.1.0-1.amzn2023 -> 6.1.1\nopenssl -> none\nzlib 1.2.13 -> none", TypeDataMembers.PackageCell(finding));
    }

    [Fact]
    public void One_package_reads_as_its_row_and_no_package_name_is_no_line()
    {
        Assert.Equal("openssl -> none", TypeDataMembers.PackageCell(Finding(Packages[1])));
        Assert.Equal("", TypeDataMembers.PackageCell(Finding()));
    }

    [Theory]
    [InlineData("curl", "8.3.0-1.amzn2023.0.2", "8.3.0-1.amzn2023.0.3", 39)]
    [InlineData("kernel-livepatch-6.1.0-1.amzn2023", "1:6.1.0-1.amzn2023.0.1", "1:6.1.0-1.amzn2023.0.9", 39)]
    [InlineData("a-package-name-longer-than-the-whole-column-is-wide", "1.0", "NotAvailable", 39)]
    [InlineData("log4j-core", "2.14.1", "2.15.0", 39)]
    public void A_package_longer_than_the_column_breaks_only_between_name_version_and_fix(string name, string installed, string fix, int width)
    {
        var cell = TypeDataMembers.PackageCell(Finding(new VulnerablePackage { Name = name, Version = installed, FixedInVersion = fix }), width);
        var lines = cell.Split('\n');
        var parts = new[] { name, installed, "-> " + FixedIn.Label(FixedIn.Version(fix)) };
        // Each line: whole parts, the later lines indented; a line longer than the width is one part alone.
        Assert.All(lines, line => Assert.True(line.Length <= width || parts.Contains(line.TrimStart()), line));
        Assert.All(lines.Skip(1), line => Assert.StartsWith(TypeDataMembers.PackageIndent, line, StringComparison.Ordinal));
        Assert.Equal(string.Join(' ', parts), string.Join(' ', lines.Select(l => l.Trim())));
        Assert.All(lines.Select(l => l.Trim()), line => Assert.Contains(line, PartRuns(parts)));
        // A package that fits is one line, as without a width; one that does not is broken.
        Assert.Equal(string.Join(' ', parts).Length <= width, lines.Length == 1);
    }

    // Every run of consecutive whole parts, joined as a line joins them.
    private static IEnumerable<string> PartRuns(string[] parts) =>
        from start in Enumerable.Range(0, parts.Length)
        from count in Enumerable.Range(1, parts.Length - start)
        select string.Join(' ', parts.Skip(start).Take(count));

    [Fact]
    public void Text_from_the_wire_is_inert_word_by_word()
    {
        var cell = TypeDataMembers.PackageCell(Finding(new VulnerablePackage { Name = "a\u001b[2J", Version = "1\u202E", FixedInVersion = "##vso[x]" }));
        Assert.DoesNotContain('\u001b', cell);
        Assert.DoesNotContain('\u202E', cell);
        Assert.Contains("\\u001B", cell);
    }
}
