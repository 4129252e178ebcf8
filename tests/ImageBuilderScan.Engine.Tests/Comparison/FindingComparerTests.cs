using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Comparison;

public sealed class FindingComparerTests
{
    [Fact]
    public void Each_kind_of_change_in_order()
    {
        var before = new[] { Finding("CVE-FIXED", "CRITICAL", "curl"), Finding("CVE-SAME", "LOW", "zlib"), Finding("CVE-UP", "MEDIUM", "glibc") };
        var after = new[] { Finding("CVE-SAME", "LOW", "zlib", arn: NextImage), Finding("CVE-UP", "HIGH", "glibc", arn: NextImage), Finding("CVE-NEW", "LOW", "bash", arn: NextImage) };
        var changes = FindingComparer.Compare(before, after);
        Assert.Equal(
            [(ChangeKind.Added, "CVE-NEW"), (ChangeKind.SeverityChanged, "CVE-UP"), (ChangeKind.Fixed, "CVE-FIXED"), (ChangeKind.Unchanged, "CVE-SAME")],
            changes.Select(c => (c.Change, c.VulnerabilityId)));
        var up = changes[1];
        Assert.Equal(("MEDIUM", "HIGH", "glibc"), (up.ReferenceSeverity, up.DifferenceSeverity, up.PackageName));
        Assert.Equal((Image, NextImage), (up.ReferenceImageBuildVersionArn, up.DifferenceImageBuildVersionArn));
        Assert.Equal("1.0.0-1.amzn2023", up.DifferenceInstalledVersion);
        Assert.Same(after[1], up.DifferenceFinding);
        Assert.Same(before[2], up.ReferenceFinding);
        var fixedRow = changes[2];
        Assert.Null(fixedRow.DifferenceFinding);
        Assert.Equal("1.0.1", fixedRow.FixedInVersion);
    }

    [Fact]
    public void A_finding_with_several_packages_gives_a_row_per_package()
    {
        var changes = FindingComparer.Compare([Finding("CVE-1", "HIGH", "a")], [Finding("CVE-1", "HIGH", "a", arn: NextImage, morePackages: ["b", "c"])]);
        Assert.Equal([(ChangeKind.Added, "b"), (ChangeKind.Added, "c"), (ChangeKind.Unchanged, "a")], changes.Select(c => (c.Change, c.PackageName)));
    }

    [Fact]
    public void A_key_twice_on_one_side_is_one_row_at_its_most_severe()
    {
        var changes = FindingComparer.Compare([], [Finding("CVE-1", "LOW", "a"), Finding("CVE-1", "CRITICAL", "a")]);
        var row = Assert.Single(changes);
        Assert.Equal("CRITICAL", row.DifferenceSeverity);
    }

    [Fact]
    public void A_key_twice_on_one_side_with_a_severity_this_version_does_not_know_keeps_that_one_not_the_known_one()
    {
        // Ranked lowest, the unknown value ("Critical", as a service might one day spell it) lost to LOW and the row read
        // Unchanged at LOW: a change the service reported was dropped. Unknown is kept as the more severe (fail closed).
        var changes = FindingComparer.Compare([Finding("CVE-1", "LOW", "a")], [Finding("CVE-1", "LOW", "a", arn: NextImage), Finding("CVE-1", "Critical", "a", arn: NextImage)]);
        var row = Assert.Single(changes);
        Assert.Equal((ChangeKind.SeverityChanged, "LOW", "Critical"), (row.Change, row.ReferenceSeverity, row.DifferenceSeverity));
    }

    [Theory]
    [InlineData("no vulnerability id")]
    [InlineData("an unnamed package")]
    public void A_row_that_names_no_vulnerability_or_package_is_never_matched_or_merged_with_another(string unnamed)
    {
        // Rows keyed ("", package) or (id, "") share their key with unrelated rows: two unrelated findings of one build were
        // one row (one of them dropped), and a nameless HIGH in each build read as Unchanged, hiding a new finding.
        ScanFinding Nameless(string severity, string arn, string tag) => unnamed == "no vulnerability id"
            ? Finding("", severity, "openssl", arn: arn) with { VulnerabilityId = null, Title = tag }
            : Finding("CVE-1", severity, "openssl", arn: arn) with
            {
                Title = tag,
                VulnerablePackages = [new VulnerablePackage { Name = null, Version = "1.0.0" }],
            };
        var before = new[] { Nameless("HIGH", Image, "old") };
        var after = new[] { Nameless("HIGH", NextImage, "new one"), Nameless("LOW", NextImage, "new two") };

        var changes = FindingComparer.Compare(before, after);

        Assert.Equal([(ChangeKind.Added, "new one"), (ChangeKind.Added, "new two"), (ChangeKind.Fixed, "old")], changes.Select(c => (c.Change, c.Title)));
        Assert.Same(after[0], changes[0].DifferenceFinding);
        Assert.Same(before[0], changes[2].ReferenceFinding);
    }

    [Fact]
    public void New_findings_are_those_with_a_key_missing_from_the_baseline()
    {
        var baseline = new[] { Finding("CVE-1", "HIGH", "a"), Finding("CVE-2", "HIGH", "b") };
        var current = new[] { Finding("CVE-1", "HIGH", "a"), Finding("CVE-2", "HIGH", "b", morePackages: "c"), Finding("CVE-3", "LOW", "a") };
        Assert.Equal([current[1], current[2]], FindingComparer.NewFindings(baseline, current));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Random_builds_agree_with_a_plain_set_difference(int seed)
    {
        var random = new Random(seed);
        string[] severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED"];
        List<ScanFinding> Build(string arn) => Enumerable.Range(0, random.Next(0, 60)).Select(_ =>
        {
            var packages = Enumerable.Range(0, random.Next(1, 4)).Select(_ => "pkg" + random.Next(0, 8)).Distinct().ToArray();
            return Finding("CVE-" + random.Next(0, 25), severities[random.Next(severities.Length)], packages[0], arn: arn, morePackages: packages[1..]);
        }).ToList();
        var before = Build(Image);
        var after = Build(NextImage);

        // The independent computation: sets of "id|package" strings and a severity per key (most severe wins).
        static Dictionary<string, int> Keys(List<ScanFinding> findings)
        {
            var keys = new Dictionary<string, int>();
            foreach (var f in findings)
                foreach (var p in f.VulnerablePackages)
                {
                    var rank = Array.IndexOf(["UNTRIAGED", "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"], f.Severity);
                    keys[f.VulnerabilityId + "|" + p.Name] = Math.Max(rank, keys.GetValueOrDefault(f.VulnerabilityId + "|" + p.Name, -1));
                }
            return keys;
        }
        var b = Keys(before);
        var a = Keys(after);
        var changes = FindingComparer.Compare(before, after);
        string Key(FindingChange c) => c.VulnerabilityId + "|" + c.PackageName;
        Assert.Equal(a.Keys.Except(b.Keys).Order(), changes.Where(c => c.Change == ChangeKind.Added).Select(Key).Order());
        Assert.Equal(b.Keys.Except(a.Keys).Order(), changes.Where(c => c.Change == ChangeKind.Fixed).Select(Key).Order());
        var both = a.Keys.Intersect(b.Keys).ToList();
        Assert.Equal(both.Where(k => a[k] != b[k]).Order(), changes.Where(c => c.Change == ChangeKind.SeverityChanged).Select(Key).Order());
        Assert.Equal(both.Where(k => a[k] == b[k]).Order(), changes.Where(c => c.Change == ChangeKind.Unchanged).Select(Key).Order());
        Assert.Equal(a.Keys.Union(b.Keys).Count(), changes.Count);

        // Deterministic order, and the same whatever order the inputs came in.
        var shuffled = FindingComparer.Compare(before.OrderBy(_ => random.Next()).ToList(), after.OrderBy(_ => random.Next()).ToList());
        Assert.Equal(changes.Select(c => (c.Change, Key(c), c.ReferenceSeverity, c.DifferenceSeverity)), shuffled.Select(c => (c.Change, Key(c), c.ReferenceSeverity, c.DifferenceSeverity)));
        for (var i = 1; i < changes.Count; i++) Assert.True(changes[i - 1].Change <= changes[i].Change);

        // New: a package key the baseline lacks, or one it had at a lower severity (a worsened finding is new).
        var rankOf = (string s) => Array.IndexOf(["UNTRIAGED", "INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"], s);
        var expectedNew = after.Where(f => f.VulnerablePackages.Any(p =>
            !b.TryGetValue(f.VulnerabilityId + "|" + p.Name, out var then) || then < rankOf(f.Severity!))).ToList();
        Assert.Equal(expectedNew, FindingComparer.NewFindings(before, after));
    }
}
