using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>
/// What the decisions (gate, comparison) read about a build: its scan state (<c>GetImage</c>), every
/// one of its findings and the service's counts of them; which build a name stands for (BuildScans.Selection.cs);
/// and the build before it in its pipeline (<c>ListImagePipelineImages</c>, BuildScans.Pipeline.cs).
/// Everything goes through the client's one paging and error path; <c>clientFor</c> gives the client
/// for an ARN (one client, or, in a fan-out, the target where that build lives).
/// </summary>
public sealed partial class BuildScans(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null)
{
    // The client for an ARN and the log, for every part of the class (BuildScans.Selection.cs, BuildScans.Pipeline.cs).
    private readonly Func<string, ImageBuilderScanClient> _clientFor = clientFor;
    private readonly IScanLog? _log = log;

    public BuildScans(ImageBuilderScanClient client, IScanLog? log = null)
        : this(_ => client, log)
    {
    }

    /// <summary>
    /// The build's state and all its findings (pages of 25, the most the service gives): the state first (with
    /// <paramref name="wait"/>, waited for, <see cref="ScanWaiter"/>), the findings once it answered, and the state again once
    /// they are listed (<see cref="HoldAsync"/>). Asked beside the listing, a COMPLETED answered after a listing taken
    /// mid-scan would vouch for findings it never saw complete.
    /// </summary>
    /// <exception cref="ScanStateException">ScanWaitTimedOut: the scan still ran when the wait ran out; ScanStateChanged: a
    /// complete scan's state changed while its findings were listed.</exception>
    /// <param name="most">See <see cref="FindingsAsync"/>.</param>
    public async Task<BuildScan> ReadAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken, ScanWait? wait = null,
        Func<long?>? most = null)
    {
        var state = wait is not null
            ? (await WaitAsync(imageBuildVersionArn, parameterName, wait, cancellationToken).ConfigureAwait(false)).Settled()
            : await StateAsync(imageBuildVersionArn, parameterName, cancellationToken).ConfigureAwait(false);
        var findings = await FindingsAsync(imageBuildVersionArn, parameterName, cancellationToken, most).ConfigureAwait(false);
        await HoldAsync(state, parameterName, cancellationToken).ConfigureAwait(false);
        return new BuildScan(state, findings);
    }

    /// <summary>
    /// The build's state and all its findings as <see cref="ReadAsync"/> reads them, held to the service's count of them
    /// (asked alongside the listing; with <paramref name="wait"/>, once the scan settled), as the gate holds what it judges
    /// (<see cref="ServiceAgreement"/>): a listing that ended early (a page lost, a token dropped) or repeats a finding
    /// would read as findings fixed or added that never were. A scan that did not complete is returned unchecked, for the
    /// caller to refuse (<see cref="RequireComplete"/>).
    /// </summary>
    /// <param name="role">What the build is to the reader, for the message ("the reference build").</param>
    /// <exception cref="ScanProtocolException">CountMismatch: the listing does not agree with the count; CountUnknown: the count's
    /// answer left a severity out, so nothing can be checked against it.</exception>
    public async Task<BuildScan> ReadCountedAsync(string imageBuildVersionArn, string parameterName, string role, CancellationToken cancellationToken,
        ScanWait? wait = null)
    {
        ImageScanState? settled = null;
        if (wait is not null) settled = (await WaitAsync(imageBuildVersionArn, parameterName, wait, cancellationToken).ConfigureAwait(false)).Settled();
        var counting = CountAsync(imageBuildVersionArn, parameterName, cancellationToken);
        Func<long?> most = () => counting.IsCompletedSuccessfully ? counting.Result.All : null;
        BuildScan scan;
        try
        {
            if (settled is not null)
            {
                var findings = await FindingsAsync(imageBuildVersionArn, parameterName, cancellationToken, most).ConfigureAwait(false);
                // The settled state vouches for the findings only while it holds (as ReadAsync's does): asked again after them.
                await HoldAsync(settled, parameterName, cancellationToken).ConfigureAwait(false);
                scan = new BuildScan(settled, findings);
            }
            else scan = await ReadAsync(imageBuildVersionArn, parameterName, cancellationToken, most: most).ConfigureAwait(false);
        }
        catch (ScanProtocolException e) when (e.ErrorId is "MoreFindingsThanCounted")
        {
            // The listing passed the count before it ended: the same fact as a listing that ends and disagrees, so it reads alike.
            throw new ScanProtocolException("CountMismatch", $"The {role} {imageBuildVersionArn}: {e.Message}", e.RequestId);
        }
        finally
        {
            // Never left running unobserved when the listing failed first.
            await counting.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        var counted = await counting.ConfigureAwait(false);
        // A scan that did not complete is the caller's to refuse (RequireComplete), with the reason that says so.
        if (scan.State.IsComplete && ServiceAgreement.Listed.Problem(scan.Findings, counted) is { } why)
            throw new ScanProtocolException(counted.Missing.Count > 0 ? "CountUnknown" : "CountMismatch",
                $"The {role} {imageBuildVersionArn} is not compared: {why}.");
        return scan;
    }

    /// <summary>
    /// A complete scan vouches for findings listed after it was read only while it holds: its state is asked again once they
    /// are listed, and must still be complete and the same (scan status, image state, scanning, creation date, pipeline). A
    /// scan that ran again, or an image sent back to building, while the findings were listed may have left them part of a
    /// list. A state that is not complete is not asked again: the build is not judged on it anyway (or, under
    /// -AllowIncompleteScan, judged as a scan in progress).
    /// </summary>
    /// <param name="before">The state read before the findings were asked for.</param>
    /// <exception cref="ScanStateException">ScanStateChanged, naming the state before and after.</exception>
    public async Task HoldAsync(ImageScanState before, string parameterName, CancellationToken cancellationToken)
    {
        if (!before.IsComplete) return;
        var after = await StateAsync(before.ImageBuildVersionArn, parameterName, cancellationToken).ConfigureAwait(false);
        if (after.IsComplete && Said(after) == Said(before)) return;
        throw new ScanStateException("ScanStateChanged", before.ImageBuildVersionArn,
            $"GetImage said {Said(before)} before the findings of {before.ImageBuildVersionArn} were listed, and {Said(after)} after: " +
            "they may not be the complete scan's findings, so the build is not judged.");
    }

    /// <summary>What GetImage says of the build that its findings rest on, in words (its values made inert).</summary>
    private static string Said(ImageScanState state) =>
        $"scan {InputDisplay.Show(state.Status ?? "in no state")}, image {InputDisplay.Show(state.ImageStatus ?? "in no state")}" +
        (state.ScanningEnabled ? "" : ", scanning disabled") +
        $", created {(state.DateCreated is { } created ? created.ToString("o", CultureInfo.InvariantCulture) : "at no date")}" +
        $", pipeline {(state.ImagePipelineArn is { } pipeline ? InputDisplay.Arn(pipeline) : "none")}";

    /// <summary>The build's state once its scan no longer runs, or its last when the wait ran out (see <see cref="ScanWaiter"/>).</summary>
    public Task<ScanWaitOutcome> WaitAsync(string imageBuildVersionArn, string parameterName, ScanWait wait, CancellationToken cancellationToken) =>
        ScanWaiter.WaitAsync(imageBuildVersionArn, ct => StateAsync(imageBuildVersionArn, parameterName, ct), wait, _log, cancellationToken);

    /// <summary>
    /// Awaits both; when one fails the other is still awaited (never left running unobserved), and the first failure
    /// in argument order is thrown.
    /// </summary>
    internal static async Task Both(Task first, Task second)
    {
        try
        {
            await Task.WhenAll(first, second).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await first.ConfigureAwait(false);
            await second.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The most findings read for one build: 100,000, some twenty times what a large image has, and about 0.4 GB held.
    /// Every listing of a build's findings ends there, whatever it is for (the gate, its baseline, a comparison) and
    /// whether or not the service's count is known yet: a count can be as large as the answer says, and pages of fresh
    /// findings that never end would otherwise be collected until a CI runner's memory runs out.
    /// </summary>
    public const int MostFindingsPerBuild = 100_000;

    /// <summary><see cref="MostFindingsPerBuild"/>, lower in tests, which cannot afford to serve 4,000 pages.</summary>
    internal int MostFindingsRead { get; init; } = MostFindingsPerBuild;

    /// <summary>Every finding of one build.</summary>
    /// <param name="most">How many findings the build can have, once known (the service's count), else null: a listing
    /// that passes it is ended there, since it can no longer agree with the count (pages of fresh findings that never end
    /// would otherwise be collected until memory or the job's time runs out).</param>
    /// <exception cref="ScanProtocolException">UnexpectedFinding: the listing holds a finding of another build;
    /// MoreFindingsThanCounted: it passed <paramref name="most"/>; TooManyFindings: it passed <see cref="MostFindingsPerBuild"/>.</exception>
    public async Task<IReadOnlyList<ScanFinding>> FindingsAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken,
        Func<long?>? most = null)
    {
        var query = new FindingQuery
        {
            FilterName = FilterNames.ImageBuildVersionArn, Values = [imageBuildVersionArn], PageSize = QueryValidator.MaxPageSize,
            ValuesParameterName = parameterName,
        };
        var findings = new List<ScanFinding>();
        await foreach (var finding in _clientFor(imageBuildVersionArn).GetFindingsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // Checked as GetImage's answer is: a listing that names another build (a filter ignored by a proxy or a look-alike
            // endpoint), or none (the service names it on every finding), is not this build's list, and judged as its
            // findings, or taken as a baseline, it would decide wrongly.
            if (!string.Equals(finding.ImageBuildVersionArn, imageBuildVersionArn, StringComparison.Ordinal))
                throw new ScanProtocolException("UnexpectedFinding",
                    $"Asked for the findings of {imageBuildVersionArn}, the service listed a finding " +
                    (finding.ImageBuildVersionArn is { } of ? $"of {InputDisplay.Arn(of)}" : "that names no build") +
                    $" (request id {InputDisplay.RequestId(finding.RequestId)}): the listing is not this build's, so it is not used.", finding.RequestId);
            findings.Add(finding);
            // A count past the ceiling ends the listing as soon as it is in: it would end there anyway, thousands of pages on.
            if (most?.Invoke() is { } counted && counted > MostFindingsRead)
                throw new ScanProtocolException("TooManyFindings",
                    $"The service counts {counted:N0} findings for {imageBuildVersionArn}, more than {MostFindingsRead:N0}, the most read for one build " +
                    $"(request id {InputDisplay.RequestId(finding.RequestId)}): the listing was ended there, and the build is not judged.", finding.RequestId);
            if (findings.Count > MostFindingsRead)
                throw new ScanProtocolException("TooManyFindings",
                    $"Listing the findings of {imageBuildVersionArn} passed {MostFindingsRead:N0}, the most read for one build (request id " +
                    $"{InputDisplay.RequestId(finding.RequestId)}): the listing was ended there, and the build is not judged.", finding.RequestId);
            if (most?.Invoke() is { } limit && findings.Count > limit)
                // Worded as the gate's count check words it (ServiceAgreement), which finds the same fact when the count
                // comes in after the listing ended: either way the reason reads alike.
                throw new ScanProtocolException("MoreFindingsThanCounted",
                    $"{findings.Count} finding(s) were listed, but the service counts {limit} for this image: the listing of {imageBuildVersionArn} " +
                    $"was ended there (request id {InputDisplay.RequestId(finding.RequestId)}), and the build is not judged.", finding.RequestId);
        }
        return findings;
    }

    /// <summary>The build's scan state (<c>GetImage</c>).</summary>
    public Task<ImageScanState> StateAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken) =>
        _clientFor(imageBuildVersionArn).GetImageScanStateAsync(imageBuildVersionArn, parameterName, cancellationToken);

    /// <summary>What the service counts for one build (its image aggregation's counts; none when it has no aggregation).</summary>
    /// <exception cref="ScanProtocolException">The answer holds an aggregation that is no count of the build asked (see <see cref="CountsAsync"/>).</exception>
    public async Task<ImageCounts> CountAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken)
        => (await CountsAsync([imageBuildVersionArn], parameterName, cancellationToken).ConfigureAwait(false))[imageBuildVersionArn];

    /// <summary>
    /// What the service counts for each build (all, critical, high, medium; one aggregation request for up to ten builds
    /// of one client and region): every build asked is in the answer, <see cref="ImageCounts.None"/> when the service has
    /// no aggregation for it.
    /// </summary>
    /// <exception cref="ScanProtocolException">UnexpectedAggregation: an aggregation of another kind or another build
    /// than those asked, or a build counted twice; the counts cannot vouch for anything then.</exception>
    public async Task<IReadOnlyDictionary<string, ImageCounts>> CountsAsync(IReadOnlyList<string> imageBuildVersionArns, string parameterName,
        CancellationToken cancellationToken)
    {
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = imageBuildVersionArns, ValuesParameterName = parameterName };
        var counts = imageBuildVersionArns.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => (ImageCounts?)null, StringComparer.Ordinal);
        await foreach (var aggregation in _clientFor(imageBuildVersionArns[0]).GetAggregationsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var asked = counts.TryGetValue(aggregation.Key, out var seen);
            if (aggregation.Kind != AggregationKinds.Image || !asked || seen is not null)
                throw new ScanProtocolException("UnexpectedAggregation",
                    $"Asked for the finding counts of {imageBuildVersionArns.Count} build(s), the service answered " +
                    (aggregation.Kind != AggregationKinds.Image ? $"an aggregation of kind '{InputDisplay.Show(aggregation.Kind)}'"
                        : asked ? $"a second count for {InputDisplay.Arn(aggregation.Key)}" : $"a count for {InputDisplay.Arn(aggregation.Key)}, which was not asked") +
                    $" (request id {InputDisplay.RequestId(aggregation.RequestId)}), so the counts cannot vouch for any of them.", aggregation.RequestId);
            counts[aggregation.Key] = ImageCounts.Of(aggregation);
        }

        return counts.ToDictionary(c => c.Key, c => c.Value ?? ImageCounts.None, StringComparer.Ordinal);
    }

    /// <summary>Refuses a build whose scan did not complete: its findings are not the whole list.</summary>
    public static void RequireComplete(ImageScanState state, string role)
    {
        if (state.IsComplete) return;
        var what = ScanStage.ImageProblem(state) ?? (!state.ScanningEnabled ? "scanning is not enabled for it"
            : $"its scan is {InputDisplay.Show(state.Status ?? "in no state")}{(state.Reason is { Length: > 0 } r ? $" ({InputDisplay.Show(r)})" : "")}");
        throw new ScanStateException("ScanNotComplete", state.ImageBuildVersionArn,
            $"The {role} {state.ImageBuildVersionArn} cannot be compared: {what}, so its findings may be incomplete.");
    }
}
