using System.Runtime.CompilerServices;
using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Reads what the gate needs from the service and judges each image with <see cref="GateEvaluator"/>.
/// It never passes on data it could not read completely: a state or listing that fails is a failed
/// result naming why (the other images are still judged), and findings handed in from the pipeline
/// must add up to the count the service keeps for their image.
/// </summary>
public sealed class ScanGate(Func<string, ImageBuilderScanClient> clientFor, GateEvaluator evaluator, IScanLog? log = null)
{
    private readonly BuildScans _builds = new(clientFor, log);

    public ScanGate(ImageBuilderScanClient client, GateEvaluator evaluator, IScanLog? log = null)
        : this(_ => client, evaluator, log)
    {
    }

    /// <summary>
    /// Reads each image's state and findings itself, then judges it. The findings listed must number what the
    /// service's own aggregation counts for the image (one aggregation request per ten builds of one client and region,
    /// sent when the first of them is read and so running alongside the listings): a listing that ended early,
    /// or a GetImage answer about another image, keeps the build from being judged.
    /// </summary>
    public async IAsyncEnumerable<GateResult> EvaluateAsync(IReadOnlyList<string> imageBuildVersionArns, GatePolicy policy,
        GateBaseline? baseline, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (imageBuildVersionArns.Count == 0) throw NothingToJudge();
        var counts = new CountRequests(imageBuildVersionArns, clientFor, _builds);
        foreach (var arn in imageBuildVersionArns)
        {
            ImageScanState? state = null;
            IReadOnlyList<ScanFinding> findings = [];
            string? problem = null;
            var counted = counts.For(arn, cancellationToken);
            try
            {
                var scan = await _builds.ReadAsync(arn, "ImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
                (state, findings) = (scan.State, scan.Findings);
            }
            catch (ImageBuilderScanException e) when (e is not ScanInputException)
            {
                problem = Unreadable("its scan", e);
            }

            try
            {
                var count = (await counted.ConfigureAwait(false))[arn];
                if (problem is null && count != findings.Count)
                    problem = $"{findings.Count} finding(s) were listed, but the service counts {count} for this image: the listing ended early or is not this image's";
            }
            catch (ImageBuilderScanException e) when (e is not ScanInputException)
            {
                problem ??= Unreadable("its finding count", e);
            }

            yield return await JudgeAsync(arn, state, findings, policy, baseline, problem, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Judges findings handed in (from <c>Get-IBScanFinding</c>), grouped by image in the order they came.
    /// Each image's state is read, and its findings must number what the service counts for it: a
    /// listing that failed part way upstream hands in fewer, and must not pass.
    /// </summary>
    /// <param name="alsoImages">Images named besides: one with no finding handed in is judged as having none (which its count must confirm).</param>
    public async IAsyncEnumerable<GateResult> EvaluateFindingsAsync(IReadOnlyList<ScanFinding> findings, IReadOnlyList<string> alsoImages,
        GatePolicy policy, GateBaseline? baseline, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (findings.Count == 0 && alsoImages.Count == 0) throw NothingToJudge();
        var nameless = findings.Count(f => string.IsNullOrEmpty(f.ImageBuildVersionArn));
        if (nameless > 0)
            throw new ScanInputException("InputObject", null, "findings from Get-IBScanFinding, each with its ImageBuildVersionArn",
                $"{nameless} finding(s) name no image, so no scan state or count can vouch for them.");
        var byImage = findings.GroupBy(f => f.ImageBuildVersionArn!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var images = findings.Select(f => f.ImageBuildVersionArn!).Concat(alsoImages).Distinct(StringComparer.Ordinal).ToList();
        foreach (var image in images)
        {
            var mine = byImage.TryGetValue(image, out var list) ? list : [];
            ImageScanState? state = null;
            string? problem = null;
            try
            {
                state = await _builds.StateAsync(image, "InputObject", cancellationToken).ConfigureAwait(false);
                var counted = await _builds.CountAsync(image, "InputObject", cancellationToken).ConfigureAwait(false);
                if (counted != mine.Count)
                    problem = $"{mine.Count} finding(s) were handed in, but the service counts {counted} for this image: the listing may have failed part way";
            }
            catch (ImageBuilderScanException e) when (e is not ScanInputException)
            {
                problem = Unreadable("its scan state or finding count", e);
            }

            yield return await JudgeAsync(image, state, mine, policy, baseline, problem, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<GateResult> JudgeAsync(string arn, ImageScanState? state, IReadOnlyList<ScanFinding> findings, GatePolicy policy,
        GateBaseline? baseline, string? problem, CancellationToken cancellationToken)
    {
        if (problem is null && baseline is not null && state is not null)
        {
            try
            {
                policy = policy with { Baseline = await BaselineAsync(state, baseline, cancellationToken).ConfigureAwait(false) };
            }
            catch (ImageBuilderScanException e) when (e is not ScanInputException)
            {
                problem = Unreadable("its baseline", e);
            }
        }

        return evaluator.Evaluate(arn, state, findings, policy, problem);
    }

    private async Task<FindingBaseline> BaselineAsync(ImageScanState image, GateBaseline baseline, CancellationToken cancellationToken)
    {
        var arn = baseline.ImageBuildVersionArn;
        if (arn is null)
        {
            var previous = await _builds.PreviousBuildAsync(image, cancellationToken).ConfigureAwait(false);
            if (previous is null) return new FindingBaseline([]);
            arn = previous.Arn;
        }

        var scan = await _builds.ReadAsync(arn, "BaselineImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
        BuildScans.RequireComplete(scan.State, "baseline");
        log?.Verbose($"Baseline for {image.ImageBuildVersionArn}: {arn} ({scan.Findings.Count} finding(s)).");
        return new FindingBaseline(scan.Findings, arn);
    }

    // A gate passes only on what it judged: an empty input is a failure, never a pass.
    private static ScanInputException NothingToJudge() => new("InputObject", null, "findings from Get-IBScanFinding, or the builds to judge named",
        "No findings were handed in and no build was named: there is nothing to judge, and a gate passes only on a completed scan.");

    private static string Unreadable(string what, ImageBuilderScanException e) =>
        $"{what} could not be read completely ({e.ErrorId}: {e.Message})";
}
