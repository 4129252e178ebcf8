using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate.Rules;

/// <summary>How a rule plugs into the evaluator: asked in order, the first answer decides, its label reaches the summary.</summary>
public sealed class GateRulesTests
{
    /// <summary>A rule written here only: what a new rule file looks like to the evaluator.</summary>
    private sealed class KernelRule : IFindingRule
    {
        public FindingVerdict Verdict => FindingVerdict.Suppressed;

        public string SummaryLabel => "kernel only";

        public FindingOutcome? Judge(ScanFinding finding, GateContext context) =>
            finding.PackageName == "kernel" ? new FindingOutcome(finding, Verdict) : null;
    }

    private static GateResult Evaluate(IReadOnlyList<IFindingRule> rules, params ScanFinding[] findings) =>
        new GateEvaluator(new FixedClock(new DateTime(2026, 6, 15, 0, 0, 0, DateTimeKind.Utc)), rules).Evaluate(Image, Complete(), findings, new GatePolicy { FixableOnly = true });

    [Fact]
    public void A_new_rule_plugs_in_and_names_what_it_took_out()
    {
        var result = Evaluate([new KernelRule(), .. GateRules.All], Finding("CVE-1", "CRITICAL", "kernel"), Finding("CVE-2", "LOW"));
        Assert.True(result.Passed);
        Assert.Equal("PASSED: 1 kernel only", result.Summary);
    }

    [Fact]
    public void The_first_rule_that_answers_decides()
    {
        // Not fixable and excepted by the first rule: the first rule's verdict, not FixableOnly's.
        var result = Evaluate([new KernelRule(), .. GateRules.All], Finding("CVE-1", "CRITICAL", "kernel", fix: "NO"));
        Assert.Equal(FindingVerdict.Suppressed, Assert.Single(result.Outcomes).Verdict);
    }

    [Fact]
    public void Without_rules_every_finding_counts()
    {
        var result = Evaluate([], Finding("CVE-1", "CRITICAL", fix: "NO"));
        Assert.False(result.Passed);
        Assert.Equal(FindingVerdict.Violation, Assert.Single(result.Outcomes).Verdict);
    }

    [Fact]
    public void The_default_rules_are_exceptions_then_baseline_then_fixable_only() =>
        Assert.Equal([typeof(ExceptionRule), typeof(BaselineRule), typeof(FixableOnlyRule)], GateRules.All.Select(r => r.GetType()));
}
