using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Judges one image against a <see cref="GatePolicy"/>. It fails closed: an unknown scan state, a scan
/// that is not complete (unless allowed) or scanning that is off fails, and no findings pass only when
/// the scan is complete. A finding is one vulnerability on one image and counts once however many
/// packages it lists. Whether a finding counts is the first answer of its rules (by default
/// <see cref="GateRules.All"/>: exceptions, baseline, fixable only); what counts is judged by severity against
/// FailOn and the allowances.
/// </summary>
public sealed class GateEvaluator(TimeProvider clock, IReadOnlyList<IFindingRule> rules)
{
    public GateEvaluator()
        : this(TimeProvider.System)
    {
    }

    public GateEvaluator(TimeProvider clock)
        : this(clock, GateRules.All)
    {
    }

    /// <param name="imageBuildVersionArn">The image judged; findings of another image are refused.</param>
    /// <param name="state">From GetImage; null when it could not be had.</param>
    /// <param name="findings">The image's complete finding list.</param>
    /// <param name="incompleteData">Why the findings (or the state) could not be read completely, or null:
    /// the gate then fails whatever the findings it did get say.</param>
    public GateResult Evaluate(string imageBuildVersionArn, ImageScanState? state, IReadOnlyList<ScanFinding> findings, GatePolicy policy,
        string? incompleteData = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageBuildVersionArn);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var stranger = findings.FirstOrDefault(f => f.ImageBuildVersionArn is not null && f.ImageBuildVersionArn != imageBuildVersionArn);
        if (stranger is not null)
            throw new ArgumentException($"A finding of {stranger.ImageBuildVersionArn} was given for {imageBuildVersionArn}: judge each image with its own findings.", nameof(findings));

        var now = clock.GetUtcNow().UtcDateTime;
        // The build's own pipeline (GetImage's word) scopes the exceptions; a finding that claims another one is refused
        // below (ForeignPipeline), so no finding's claim can bring a pipeline's exceptions to a build of another.
        var pipeline = state is not null ? state.ImagePipelineArn : findings.Select(f => f.ImagePipelineArn).FirstOrDefault(p => p is not null);
        var expiredEntries = policy.Exceptions.ExpiredAt(now);
        var context = new GateContext(policy, pipeline, now);
        var outcomes = new List<FindingOutcome>(findings.Count);
        foreach (var finding in findings) outcomes.Add(Judge(finding, context));
        var expiredMatches = context.ExpiredMatches;

        var counts = SeverityCounts.Of(outcomes.Where(o => o.Verdict == FindingVerdict.Counted).Select(o => o.Severity));
        var failed = SeverityRank.Descending.Where(s => s >= policy.FailOn && counts[s] > policy.AllowanceFor(s)).ToList();
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (outcomes[i].Verdict == FindingVerdict.Counted && failed.Contains(outcomes[i].Severity))
                outcomes[i] = outcomes[i] with { Verdict = FindingVerdict.Violation };
        }

        var scanProblem = incompleteData ?? ForeignPipeline(state, findings) ?? UnknownValue(state, findings, policy) ?? ScanProblem(state, findings.Count, policy.AllowIncompleteScan);
        var arn = ImageBuilderArn.TryParse(imageBuildVersionArn);
        return new GateResult
        {
            Passed = scanProblem is null && failed.Count == 0,
            ImageBuildVersionArn = imageBuildVersionArn,
            ImageName = arn?.Name ?? imageBuildVersionArn,
            ImageVersion = arn?.Version is null ? null : arn.Build is null ? arn.Version : $"{arn.Version}/{arn.Build}",
            ImagePipelineArn = pipeline,
            BaselineImageBuildVersionArn = policy.Baseline?.ImageBuildVersionArn,
            ScanState = state,
            ScanProblem = scanProblem,
            Policy = policy,
            EvaluatedAt = now,
            Outcomes = outcomes,
            Counts = counts,
            FailedSeverities = failed,
            ExpiredMatches = expiredMatches,
            ExpiredEntries = expiredEntries,
            Summary = GateSummary.Compose(scanProblem, state, policy, counts, failed, outcomes, rules, expiredMatches.Count),
        };
    }

    /// <summary>
    /// A value outside the service model's that keeps the build from being judged (compared exactly, never
    /// defaulted): a scan status or image state the model does not define, a finding with no severity or one not among
    /// <see cref="SeverityRank.ExpectedForm"/> (a look-alike such as CRITICAL with a zero-width space included), and with
    /// -FixableOnly a fixAvailable other than YES, NO or PARTIAL (<see cref="FixableOnlyRule.IsUnknown"/>).
    /// </summary>
    private static string? UnknownValue(ImageScanState? state, IReadOnlyList<ScanFinding> findings, GatePolicy policy)
    {
        if (state is not null && !ServiceValues.IsKnownOrAbsent(state.Status, ServiceValues.ImageScanStatuses))
            return $"the scan status '{InputDisplay.Show(state.Status)}' is not one the service defines ({string.Join(", ", ServiceValues.ImageScanStatuses)}), so the scan cannot be judged";
        if (state is not null && !ServiceValues.IsKnownOrAbsent(state.ImageStatus, ServiceValues.ImageStatuses))
            return $"the image state '{InputDisplay.Show(state.ImageStatus)}' is not one the service defines ({string.Join(", ", ServiceValues.ImageStatuses)}), so the build cannot be judged";
        var unknown = findings.Where(f => SeverityRank.Of(f.Severity) is null).ToList();
        if (unknown.Count > 0)
        {
            var first = unknown[0];
            return $"{unknown.Count} finding(s) have no severity or one this version does not know (the first: " +
                $"{InputDisplay.VulnerabilityId(first.VulnerabilityId)} with {(first.Severity is null ? "none" : $"'{InputDisplay.Show(first.Severity)}'")}; " +
                $"a severity is {SeverityRank.ExpectedForm}, exactly), so they cannot be ranked";
        }
        if (!policy.FixableOnly) return null;
        var unfixed = findings.Where(f => FixableOnlyRule.IsUnknown(f.FixAvailable)).ToList();
        if (unfixed.Count == 0) return null;
        return $"{unfixed.Count} finding(s) have a fixAvailable this version does not know (the first: " +
            $"{InputDisplay.VulnerabilityId(unfixed[0].VulnerabilityId)} with '{InputDisplay.Show(unfixed[0].FixAvailable)}'; it is one of " +
            $"{string.Join(", ", ServiceValues.FixAvailableValues)}, exactly), so -FixableOnly cannot tell whether they can be fixed";
    }

    /// <summary>
    /// A finding that names another pipeline than the build's own GetImage answer is not this build's listing (as a finding
    /// of another build is not): judged, its claim could bring another pipeline's exceptions to this build. A finding that
    /// names no pipeline claims nothing.
    /// </summary>
    private static string? ForeignPipeline(ImageScanState? state, IReadOnlyList<ScanFinding> findings)
    {
        if (state is null) return null;
        var stranger = findings.FirstOrDefault(f => f.ImagePipelineArn is not null && !string.Equals(f.ImagePipelineArn, state.ImagePipelineArn, StringComparison.Ordinal));
        if (stranger is null) return null;
        return $"a finding ({InputDisplay.VulnerabilityId(stranger.VulnerabilityId)}) names the pipeline {InputDisplay.Arn(stranger.ImagePipelineArn!)}, but GetImage says " +
            $"the build was made by {(state.ImagePipelineArn is null ? "no pipeline" : InputDisplay.Arn(state.ImagePipelineArn))}: the listing is not this build's, so it is not judged";
    }

    /// <summary>The first rule's answer, or counted when no rule takes the finding out.</summary>
    private FindingOutcome Judge(ScanFinding finding, GateContext context)
    {
        foreach (var rule in rules)
        {
            if (rule.Judge(finding, context) is { } outcome) return outcome;
        }

        return new FindingOutcome(finding, FindingVerdict.Counted);
    }

    /// <summary>Why the scan state alone fails the gate, or null when it does not.</summary>
    private static string? ScanProblem(ImageScanState? state, int findingCount, bool allowIncomplete)
    {
        if (state is null) return "scan state unknown";
        if (state.IsComplete) return null;
        if (Waiting.ScanStage.ImageProblem(state) is { } image) return image;
        var what = !state.ScanningEnabled ? "scanning is not enabled for this image" : GateSummary.ScanText(state);
        if (!allowIncomplete) return what + ": the findings may be incomplete";
        return findingCount == 0 ? what + " and no findings: an incomplete scan with no findings proves nothing" : null;
    }
}
