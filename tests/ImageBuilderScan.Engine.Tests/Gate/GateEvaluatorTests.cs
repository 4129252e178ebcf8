using SeverityCounts = ImageBuilderScan.Engine.Gate.SeverityCounts;
using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate;

public sealed class GateEvaluatorTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    internal static GateResult Evaluate(ImageScanState? state, IReadOnlyList<ScanFinding> findings, GatePolicy? policy = null, DateTime? now = null) =>
        new GateEvaluator(new FixedClock(now ?? Now)).Evaluate(Image, state, findings, policy ?? new GatePolicy());

    [Fact]
    public void A_complete_scan_with_no_findings_passes()
    {
        var result = Evaluate(Complete(), []);
        Assert.True(result.Passed);
        Assert.Equal("PASSED", result.Summary);
        Assert.Equal("web-frontend-al2023", result.ImageName);
        Assert.Equal("1.4.0/1", result.ImageVersion);
        Assert.Equal(Now, result.EvaluatedAt);
    }

    [Fact]
    public void An_unknown_scan_state_fails_closed_even_when_incomplete_scans_are_allowed()
    {
        foreach (var allow in new[] { false, true })
        {
            var result = Evaluate(null, [Finding("CVE-1", "LOW")], new GatePolicy { AllowIncompleteScan = allow });
            Assert.False(result.Passed);
            Assert.Equal("FAILED: scan state unknown", result.Summary);
            Assert.Null(result.ScanStatus);
        }
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("SCANNING")]
    [InlineData("COLLECTING")]
    [InlineData("ABANDONED")]
    [InlineData("FAILED")]
    [InlineData("TIMED_OUT")]
    [InlineData(null)]
    public void Every_status_but_completed_fails_with_no_findings(string? status)
    {
        var result = Evaluate(State(status, "Inspector busy"), []);
        Assert.False(result.Passed);
        Assert.StartsWith($"FAILED: scan {status ?? "status unknown"} (Inspector busy)", result.Summary);
        Assert.NotNull(result.ScanProblem);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("COMPLETED ")]
    [InlineData("COMPLETED\u200B")]
    [InlineData("DONE")]
    public void A_status_the_model_does_not_define_keeps_the_build_from_being_judged(string status)
    {
        var result = Evaluate(State(status, "Inspector busy"), [], new GatePolicy { AllowIncompleteScan = true });
        Assert.False(result.Passed);
        Assert.StartsWith("FAILED: the scan status '", result.Summary);
        Assert.Contains("is not one the service defines", result.ScanProblem);
    }

    [Theory]
    [InlineData("CRITICAL\u200B")]
    [InlineData("CR\u0130TICAL")]
    [InlineData("critical")]
    [InlineData(" HIGH")]
    [InlineData("")]
    [InlineData(null)]
    public void A_severity_it_does_not_know_keeps_the_build_from_being_judged(string? severity)
    {
        var result = Evaluate(State("COMPLETED", null), [Finding("CVE-1", "LOW") with { Severity = severity }], new GatePolicy { FailOn = FindingSeverity.Critical });
        Assert.False(result.Passed);
        Assert.Contains("no severity or one this version does not know", result.ScanProblem);
    }

    [Theory]
    [InlineData("SCANNING")]
    [InlineData("TIMED_OUT")]
    public void An_incomplete_scan_is_judged_on_its_findings_only_when_allowed(string status)
    {
        var findings = new[] { Finding("CVE-1", "LOW") };
        Assert.False(Evaluate(State(status), findings).Passed);
        var allowed = Evaluate(State(status), findings, new GatePolicy { AllowIncompleteScan = true });
        Assert.True(allowed.Passed);
        Assert.Equal($"PASSED: judged on an incomplete scan (scan {status})", allowed.Summary);
        var none = Evaluate(State(status), [], new GatePolicy { AllowIncompleteScan = true });
        Assert.False(none.Passed);
        Assert.Contains("no findings", none.Summary);
    }

    [Fact]
    public void Scanning_disabled_fails_even_if_the_status_says_completed()
    {
        var result = Evaluate(State("COMPLETED", enabled: false), []);
        Assert.False(result.Passed);
        Assert.Equal("FAILED: scanning is not enabled for this image: the findings may be incomplete", result.Summary);
    }

    [Fact]
    public void Findings_at_or_above_fail_on_fail_and_below_count_without_failing()
    {
        var findings = new[] { Finding("CVE-C", "CRITICAL"), Finding("CVE-H", "HIGH"), Finding("CVE-M", "MEDIUM"), Finding("CVE-L", "LOW"), Finding("CVE-I", "INFORMATIONAL"), Finding("CVE-U", "UNTRIAGED") };
        var high = Evaluate(Complete(), findings);
        Assert.False(high.Passed);
        Assert.Equal("FAILED: 1 CRITICAL, 1 HIGH at or above HIGH", high.Summary);
        Assert.Equal(["CVE-C", "CVE-H"], high.Violations.Select(v => v.Finding.VulnerabilityId));
        Assert.Equal(new SeverityCounts(1, 1, 1, 1, 1, 1), high.Counts);

        var critical = Evaluate(Complete(), findings, new GatePolicy { FailOn = FindingSeverity.Critical });
        Assert.Equal(["CVE-C"], critical.Violations.Select(v => v.Finding.VulnerabilityId));
        var untriaged = Evaluate(Complete(), findings, new GatePolicy { FailOn = FindingSeverity.Untriaged });
        Assert.Equal(6, untriaged.Violations.Count);
        Assert.True(Evaluate(Complete(), [Finding("CVE-M", "MEDIUM")]).Passed);
    }

    [Fact]
    public void An_allowance_lets_that_many_pass_and_the_next_one_fails_them_all()
    {
        var policy = new GatePolicy { MaxCount = new Dictionary<FindingSeverity, int> { [FindingSeverity.High] = 5 } };
        var five = Evaluate(Complete(), Many("HIGH", 5), policy);
        Assert.True(five.Passed);
        Assert.Equal("PASSED: 5 HIGH (allowed 5) within allowance", five.Summary);
        var seven = Evaluate(Complete(), [.. Many("HIGH", 7), .. Many("CRITICAL", 3)], policy);
        Assert.False(seven.Passed);
        Assert.Equal("FAILED: 3 CRITICAL, 7 HIGH (allowed 5) at or above HIGH", seven.Summary);
        Assert.Equal(10, seven.Violations.Count);
        Assert.Equal([FindingSeverity.Critical, FindingSeverity.High], seven.FailedSeverities);
    }

    [Fact]
    public void An_allowance_below_fail_on_or_negative_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Evaluate(Complete(), [], new GatePolicy { MaxCount = new Dictionary<FindingSeverity, int> { [FindingSeverity.Medium] = 1 } }));
        Assert.Throws<ArgumentException>(() => Evaluate(Complete(), [], new GatePolicy { MaxCount = new Dictionary<FindingSeverity, int> { [FindingSeverity.High] = -1 } }));
    }

    [Theory]
    [InlineData("YES", true)]
    [InlineData("PARTIAL", true)]
    [InlineData("NO", false)]
    [InlineData(null, false)]
    public void Fixable_only_counts_yes_and_partial(string? fix, bool counts)
    {
        var finding = WithoutAFix(Finding("CVE-H", "HIGH", fix: fix));
        var result = Evaluate(Complete(), [finding], new GatePolicy { FixableOnly = true });
        Assert.Equal(!counts, result.Passed);
        Assert.Null(result.ScanProblem);
        Assert.Equal(counts ? 0 : 1, result.NotFixable.Count);
        Assert.Equal(counts ? 1 : 0, result.Counts.High);
        Assert.False(Evaluate(Complete(), [finding]).Passed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("partial")]
    [InlineData("YES​")]
    [InlineData("AVAILABLE")]
    public void Under_fixable_only_a_fixAvailable_the_model_does_not_define_keeps_the_build_from_being_judged(string fix)
    {
        // Read as "no fix" it would take a CRITICAL out of the count; it is never defaulted, even beside a LOW that passes.
        var findings = new[] { WithoutAFix(Finding("CVE-C", "CRITICAL", fix: fix)), Finding("CVE-L", "LOW") };
        var result = Evaluate(Complete(), findings, new GatePolicy { FixableOnly = true });
        Assert.False(result.Passed);
        Assert.Contains("fixAvailable this version does not know", result.ScanProblem);
        Assert.Contains("CVE-C", result.ScanProblem);
        Assert.Empty(result.NotFixable);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([result], 0));

        // Without -FixableOnly the value decides nothing: the build is judged on its severities.
        Assert.Null(Evaluate(Complete(), [Finding("CVE-L", "LOW", fix: fix)]).ScanProblem);
    }

    [Fact]
    public void A_baseline_excuses_inherited_findings_but_not_a_new_package_of_a_known_vulnerability()
    {
        var baseline = new FindingBaseline([Finding("CVE-OLD", "CRITICAL", "openssl")]);
        var policy = new GatePolicy { Baseline = baseline };
        var inherited = Evaluate(Complete(), [Finding("CVE-OLD", "CRITICAL", "openssl")], policy);
        Assert.True(inherited.Passed);
        Assert.Equal(1, inherited.InheritedCount);
        Assert.Equal("PASSED: 1 inherited", inherited.Summary);
        var grown = Evaluate(Complete(), [Finding("CVE-OLD", "CRITICAL", "openssl", morePackages: "openssl-libs")], policy);
        Assert.False(grown.Passed);
    }

    [Fact]
    public void A_finding_counts_once_however_many_packages_it_lists()
    {
        var result = Evaluate(Complete(), [Finding("CVE-H", "HIGH", "a", morePackages: ["b", "c"])]);
        Assert.Equal(1, result.Counts.High);
        Assert.Single(result.Violations);
    }

    [Fact]
    public void Findings_of_another_image_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Evaluate(Complete(), [Finding("CVE-1", "LOW", arn: NextImage)]));
    }

    [Fact]
    public void A_scan_problem_and_violations_are_both_in_the_summary()
    {
        var result = Evaluate(State("SCANNING"), [Finding("CVE-C", "CRITICAL")]);
        Assert.Equal("FAILED: scan SCANNING: the findings may be incomplete; 1 CRITICAL at or above HIGH", result.Summary);
    }
}

internal sealed class FixedClock(DateTime now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(now, TimeSpan.Zero);
}
