using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// -NewOnly's baseline: the build whose findings count as inherited (a named one, or the newest older build of the
/// pipeline whose scan completed), held to its own GetImage answer and to the service's count as the judged build is.
/// </summary>
public sealed partial class ScanGate
{
    private async Task<FindingBaseline> BaselineAsync(ImageScanState image, GateBaseline baseline, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadBaselineAsync(image, baseline, cancellationToken).ConfigureAwait(false);
        }
        catch (ScanProtocolException e) when (e.ErrorId is "MoreFindingsThanCounted")
        {
            // The listing passed the baseline's count before it ended: the same fact as a listing that ends and disagrees
            // with the count, whichever answer came first, so it reads alike.
            throw new ScanProtocolException("BaselineCountMismatch", $"the baseline: {e.Message}", e.RequestId);
        }
    }

    private async Task<FindingBaseline> ReadBaselineAsync(ImageScanState image, GateBaseline baseline, CancellationToken cancellationToken)
    {
        BuildScan scan;
        string arn;
        Task<ImageCounts> counting;
        if (baseline.ImageBuildVersionArn is { } named)
        {
            arn = named;
            counting = _builds.CountAsync(arn, "BaselineImageBuildVersionArn", cancellationToken);
            scan = await _builds.ReadAsync(arn, "BaselineImageBuildVersionArn", cancellationToken, most: MostListed(counting)).ConfigureAwait(false);
            if (!baseline.Force) BaselineAcceptance.Check(image, scan.State);
            BuildScans.RequireComplete(scan.State, "baseline");
        }
        else
        {
            var found = await PreviousCompletedAsync(image, cancellationToken).ConfigureAwait(false);
            if (found is null) return new FindingBaseline([]);
            (arn, scan, counting) = found.Value;
        }

        // The baseline decides which findings are new: a finding its listing has but the service does not count (or one
        // listed twice) would pass a new finding as inherited, so it must agree with the counts as the judged listing does.
        // The count is asked alongside the listing, which ends once it passes the count (as the judged build's does).
        var counted = await counting.ConfigureAwait(false);
        if (ServiceAgreement.Listed.Problem(scan.Findings, counted) is { } why)
            throw new ScanProtocolException(counted.Missing.Count > 0 ? "BaselineCountUnknown" : "BaselineCountMismatch", $"the baseline {InputDisplay.Arn(arn)}: {why}");
        log?.Verbose($"Baseline for {image.ImageBuildVersionArn}: {arn} ({scan.Findings.Count} finding(s)).");
        return new FindingBaseline(scan.Findings, arn);
    }

    /// <summary>
    /// -NewOnly: the newest older build of the pipeline whose scan completed, walking back past builds
    /// whose scan did not (disabled, failed, still running). Null for the pipeline's first build.
    /// </summary>
    /// <exception cref="ScanStateException">Older builds exist but none has a completed scan (BaselineNotFound).</exception>
    private async Task<(string Arn, BuildScan Scan, Task<ImageCounts> Counting)?> PreviousCompletedAsync(ImageScanState image, CancellationToken cancellationToken)
    {
        var older = await _builds.OlderBuildsAsync(image, cancellationToken).ConfigureAwait(false);
        if (older.Count == 0)
        {
            log?.Verbose($"{image.ImageBuildVersionArn} is the first build of {image.ImagePipelineArn}: there is no previous build, so every finding is new.");
            return null;
        }

        var passedOver = new List<string>();
        foreach (var build in older)
        {
            var state = await _builds.StateAsync(build.Arn, "BaselineImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
            if (!state.IsComplete)
            {
                var why = GateSummary.ScanText(state);
                passedOver.Add($"{build.Arn} ({why})");
                log?.Verbose($"Passed over {build.Arn} as the baseline of {image.ImageBuildVersionArn}: {why}.");
                continue;
            }

            // The listing's dates and pipeline are the listing's word: the build's own GetImage answer must agree (as a
            // named baseline's must), or a newer build, or another pipeline's, would excuse this build's findings.
            BuildScans.HoldToOlder(image, build, state);
            var counting = _builds.CountAsync(build.Arn, "BaselineImageBuildVersionArn", cancellationToken);
            var findings = await _builds.FindingsAsync(build.Arn, "BaselineImageBuildVersionArn", cancellationToken, MostListed(counting)).ConfigureAwait(false);
            await _builds.HoldAsync(state, "BaselineImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
            log?.Verbose($"The baseline of {image.ImageBuildVersionArn} is {build.Arn}, the newest older build of {image.ImagePipelineArn} whose scan completed"
                + (passedOver.Count > 0 ? $" (passed over {passedOver.Count} newer build(s) whose scan did not)." : "."));
            return (build.Arn, new BuildScan(state, findings), counting);
        }

        throw new ScanStateException("BaselineNotFound", image.ImageBuildVersionArn,
            $"None of the {older.Count} older build(s) of {image.ImagePipelineArn} has a completed scan ({string.Join("; ", passedOver)}), so -NewOnly has nothing to compare with: " +
            "name the baseline with -BaselineImageBuildVersionArn (a build whose scan completed), or leave -NewOnly out to judge every finding.");
    }
}
