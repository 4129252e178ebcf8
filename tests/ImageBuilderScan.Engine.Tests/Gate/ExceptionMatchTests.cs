using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate;

public sealed class ExceptionMatchTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static ExceptionList List(string yaml) => ExceptionsFile.Parse(Encoding.UTF8.GetBytes(yaml), "x.yaml");

    private static GateResult Gate(string yaml, params Client.Model.ScanFinding[] findings) =>
        GateEvaluatorTests.Evaluate(Complete(), findings, new GatePolicy { Exceptions = List(yaml) }, Now);

    [Theory]
    [InlineData("CVE-2024-6387", true)]
    [InlineData("cve-2024-6387", true)]
    [InlineData("CVE-2024-638", false)]
    [InlineData("CVE-2024-63870", false)]
    public void The_vulnerability_id_matches_exactly_in_any_case(string id, bool suppressed)
    {
        var result = Gate($"- vulnerabilityId: {id}\n  reason: accepted\n", Finding("CVE-2024-6387", "CRITICAL"));
        Assert.Equal(suppressed, result.Passed);
        Assert.Equal(suppressed ? 1 : 0, result.Suppressed.Count);
        if (suppressed)
        {
            Assert.Equal("accepted", result.Suppressed[0].Reason);
            Assert.Equal(1, result.Suppressed[0].Exception!.Line);
            Assert.Equal("PASSED: 1 suppressed", result.Summary);
        }
    }

    /// <summary>A scope key, its pattern, and whether it covers the finding: package openssl of web-frontend-al2023 1.4.0, built by its pipeline.</summary>
    public static TheoryData<string, string, bool> Scopes => new()
    {
        // package: wildcards, any case
        { "package", "openssl", true },
        { "package", "OpenSSL", true },
        { "package", "open*", true },
        { "package", "opens?l", true },
        { "package", "*ssl*", true },
        { "package", "openssh", false },
        { "package", "open?", false },
        // image: the name or the ARN
        { "image", "web-frontend-al2023", true },
        { "image", "web-*", true },
        { "image", "payments-*", false },
        { "image", "arn:aws:imagebuilder:*:111122223333:image/web-frontend-al2023/1.4.*", true },
        { "image", "arn:aws:imagebuilder:*:111122223333:image/web-frontend-al2023/1.5.*", false },
        // pipeline: the pipeline ARN
        { "pipeline", "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023", true },
        { "pipeline", "arn:aws:imagebuilder:*:*:image-pipeline/web-*", true },
        { "pipeline", "arn:aws:imagebuilder:*:*:image-pipeline/payments-*", false },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public void A_scope_matches_by_its_pattern(string key, string pattern, bool suppressed) =>
        Assert.Equal(suppressed, Gate($"- vulnerabilityId: CVE-1\n  {key}: \"{pattern}\"\n  reason: r\n", Finding("CVE-1", "HIGH")).Passed);

    [Fact]
    public void A_package_pattern_must_cover_every_package_of_the_finding()
    {
        Assert.False(Gate("- vulnerabilityId: CVE-1\n  package: openssl\n  reason: r\n", Finding("CVE-1", "HIGH", "openssl", morePackages: "curl")).Passed);
        Assert.True(Gate("- vulnerabilityId: CVE-1\n  package: \"*\"\n  reason: r\n", Finding("CVE-1", "HIGH", "openssl", morePackages: "curl")).Passed);
    }

    [Fact]
    public void An_unnamed_package_matches_no_package_pattern()
    {
        // The finding lifts its first package's name; the second package's own name is absent, and must not borrow it.
        var finding = Finding("CVE-1", "HIGH", "openssl", morePackages: "x");
        finding = finding with { VulnerablePackages = [finding.VulnerablePackages[0], finding.VulnerablePackages[1] with { Name = null }] };
        Assert.False(Gate("- vulnerabilityId: CVE-1\n  package: openssl\n  reason: r\n", finding).Passed);
        Assert.False(Gate("- vulnerabilityId: CVE-1\n  package: \"*\"\n  reason: r\n", finding).Passed);
        Assert.True(Gate("- vulnerabilityId: CVE-1\n  reason: r\n", finding).Passed);
    }

    [Fact]
    public void A_pipeline_pattern_matches_the_builds_own_pipeline_not_the_findings_claim()
    {
        const string yaml = "- vulnerabilityId: CVE-1\n  pipeline: \"*image-pipeline/prod\"\n  reason: r\n";
        var claimsProd = Finding("CVE-1", "CRITICAL") with { ImagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/prod" };
        var result = GateEvaluatorTests.Evaluate(Complete(), [claimsProd], new GatePolicy { Exceptions = List(yaml) }, Now);
        Assert.False(result.Passed);
        Assert.Empty(result.Suppressed);
        Assert.Contains("image-pipeline/prod", result.ScanProblem);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([result], 0));

        // Built by prod (GetImage's word), a finding that names no pipeline is covered by prod's entry.
        var prodBuild = Complete() with { ImagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/prod" };
        var unclaimed = Finding("CVE-1", "CRITICAL") with { ImagePipelineArn = null };
        Assert.True(GateEvaluatorTests.Evaluate(prodBuild, [unclaimed], new GatePolicy { Exceptions = List(yaml) }, Now).Passed);
        Assert.False(GateEvaluatorTests.Evaluate(Complete(), [unclaimed], new GatePolicy { Exceptions = List(yaml) }, Now).Passed);
    }

    [Fact]
    public void An_entry_expires_at_the_end_of_its_utc_day_and_is_reported()
    {
        const string yaml = "- vulnerabilityId: CVE-1\n  reason: r\n  expires: 2026-06-15\n- vulnerabilityId: CVE-9\n  reason: unrelated\n  expires: 2026-01-01\n";
        var sameDay = GateEvaluatorTests.Evaluate(Complete(), [Finding("CVE-1", "HIGH")], new GatePolicy { Exceptions = List(yaml) }, new DateTime(2026, 6, 15, 23, 59, 59, DateTimeKind.Utc));
        Assert.True(sameDay.Passed);
        Assert.Equal(["CVE-9"], sameDay.ExpiredEntries.Select(e => e.VulnerabilityId));
        Assert.Empty(sameDay.ExpiredMatches);

        var nextDay = GateEvaluatorTests.Evaluate(Complete(), [Finding("CVE-1", "HIGH")], new GatePolicy { Exceptions = List(yaml) }, new DateTime(2026, 6, 16, 0, 0, 0, DateTimeKind.Utc));
        Assert.False(nextDay.Passed);
        var match = Assert.Single(nextDay.ExpiredMatches);
        Assert.Equal("2026-06-15", match.Exception.ExpiresText);
        Assert.Equal(1, match.Exception.Line);
        Assert.Equal(["CVE-1", "CVE-9"], nextDay.ExpiredEntries.Select(e => e.VulnerabilityId));
        Assert.Equal("FAILED: 1 HIGH at or above HIGH; 1 expired exception match", nextDay.Summary);
    }

    [Fact]
    public void A_date_time_expires_at_that_instant()
    {
        var entry = Assert.Single(List("- vulnerabilityId: CVE-1\n  reason: r\n  expires: 2026-06-15T10:00:00+02:00\n").Entries);
        Assert.Equal(new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc), entry.ExpiresAt);
        Assert.False(entry.IsExpired(new DateTime(2026, 6, 15, 7, 59, 59, DateTimeKind.Utc)));
        Assert.True(entry.IsExpired(new DateTime(2026, 6, 15, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void An_unexpired_entry_wins_over_an_expired_one_for_the_same_finding()
    {
        var result = Gate("- vulnerabilityId: CVE-1\n  reason: old\n  expires: 2020-01-01\n- vulnerabilityId: CVE-1\n  reason: new\n", Finding("CVE-1", "HIGH"));
        Assert.True(result.Passed);
        Assert.Equal("new", result.Suppressed[0].Reason);
        Assert.Single(result.ExpiredMatches);
    }

    [Theory]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    [InlineData("*a", "bbba", true)]
    [InlineData("?", "", false)]
    public void Wildcards_match_like_globs(string pattern, string text, bool match)
    {
        Assert.Equal(match, Wildcard.IsMatch(pattern, text));
        Assert.False(Wildcard.IsMatch(pattern, null));
    }
}
