// Rules share the gate's namespace (not Gate.Rules): a rule reads the policy and the gate lists the rules,
// and LayerTests forbids the namespace cycle that two namespaces would make.
namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// One reason a finding does not count toward the gate. The evaluator asks each rule of
/// <see cref="GateRules.All"/> in order; the first that answers decides the finding's verdict, and a
/// finding no rule answers for is counted against the severity allowances. A new rule is one file
/// here (plus its tests) and one line in <see cref="GateRules.All"/>; see docs/adding-a-gate-rule.md.
/// </summary>
public interface IFindingRule
{
    /// <summary>The verdict this rule gives a finding it takes out of the count.</summary>
    FindingVerdict Verdict { get; }

    /// <summary>How the gate's one-line summary names what this rule took out (e.g. "suppressed"); rules giving
    /// the same verdict are counted together under the first one's label.</summary>
    string SummaryLabel { get; }

    /// <summary>The outcome when this rule takes <paramref name="finding"/> out of the count, else null.</summary>
    FindingOutcome? Judge(ScanFinding finding, GateContext context);
}

/// <summary>What the rules may read about the image being judged; <see cref="ExpiredMatches"/> collects what they saw expire.</summary>
public sealed record GateContext(GatePolicy Policy, string? ImagePipelineArn, DateTime NowUtc)
{
    public List<ExpiredExceptionMatch> ExpiredMatches { get; } = [];
}
