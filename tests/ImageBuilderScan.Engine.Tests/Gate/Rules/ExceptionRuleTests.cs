using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Gate.Rules;

public sealed class ExceptionRuleTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    private static GateContext Context(string yaml) =>
        new(new GatePolicy { Exceptions = ExceptionsFile.Parse(Encoding.UTF8.GetBytes(yaml), "x.yaml") }, Pipeline, Now);

    [Fact]
    public void An_unexpired_matching_entry_suppresses_with_its_reason()
    {
        var outcome = new ExceptionRule().Judge(Finding("CVE-1", "HIGH"), Context("""
            exceptions:
              - vulnerabilityId: CVE-1
                reason: accepted risk
            """));
        Assert.NotNull(outcome);
        Assert.Equal(FindingVerdict.Suppressed, outcome.Verdict);
        Assert.Equal("accepted risk", outcome.Reason);
    }

    [Fact]
    public void An_expired_entry_suppresses_nothing_and_is_collected()
    {
        var context = Context("""
            exceptions:
              - vulnerabilityId: CVE-1
                reason: was accepted
                expires: 2026-01-01
            """);
        Assert.Null(new ExceptionRule().Judge(Finding("CVE-1", "HIGH"), context));
        var expired = Assert.Single(context.ExpiredMatches);
        Assert.Equal("CVE-1", expired.Finding.VulnerabilityId);
    }

    [Fact]
    public void A_finding_no_entry_matches_is_left_to_the_next_rule()
    {
        var context = Context("""
            exceptions:
              - vulnerabilityId: CVE-2
                reason: another one
            """);
        Assert.Null(new ExceptionRule().Judge(Finding("CVE-1", "HIGH"), context));
        Assert.Empty(context.ExpiredMatches);
    }
}
