using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Engine.Concurrency;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Reads what the gate needs from the service and judges each image with <see cref="GateEvaluator"/>.
/// It never passes on data it could not read completely: a state or listing that fails is a failed
/// result naming why (the other images are still judged), and the findings judged for an image, listed or handed in
/// from the pipeline, must each be one finding and add up to what the service counts for the image, in all and by
/// severity (see <see cref="ServiceAgreement"/>). Builds are read at most
/// <paramref name="concurrency"/> at once (each build's state, then its findings, then its state again: BuildScans.HoldAsync), results in input order
/// (see <see cref="InOrder"/>). With <paramref name="wait"/>, each named build's scan is waited for first, and a
/// wait that runs out is a failed result that names the last state (not judged).
/// </summary>
public sealed partial class ScanGate(Func<string, ImageBuilderScanClient> clientFor, GateEvaluator evaluator, IScanLog? log = null,
    ScanWait? wait = null, int concurrency = 1)
{
    private readonly BuildScans _builds = new(clientFor, log);

    public ScanGate(ImageBuilderScanClient client, GateEvaluator evaluator, IScanLog? log = null)
        : this(_ => client, evaluator, log)
    {
    }

    /// <summary>
    /// Refuses, before anything is sent, the builds, pipelines and baseline typed as parameters whose ARN is of another
    /// region than the -Region given (see <see cref="BuildScans.RefuseOtherRegions"/>): the listings refuse them so, and
    /// the gate would otherwise judge the others first.
    /// </summary>
    /// <exception cref="ScanRegionException">An ARN of another region than the one given, naming its parameter.</exception>
    public void RefuseOtherRegions(IReadOnlyList<string> imageBuildVersionArns, IReadOnlyList<string> imagePipelineArns, string? baselineImageBuildVersionArn)
    {
        _builds.RefuseOtherRegions(imageBuildVersionArns, "ImageBuildVersionArn");
        _builds.RefuseOtherRegions(imagePipelineArns, "ImagePipelineArn");
        _builds.RefuseOtherRegions([baselineImageBuildVersionArn], "BaselineImageBuildVersionArn");
    }

    /// <summary>
    /// Reads each build's state and findings itself, then judges it. A build may be named by its ARN, or by an image
    /// pipeline or image version ARN (its newest build, see <see cref="BuildScans.SelectAsync"/>; the result's
    /// <see cref="GateResult.SelectedFrom"/> names it). The findings listed must agree with the service's own aggregation
    /// for the build (<see cref="ServiceAgreement"/>), asked alongside the listing (one aggregation request per ten builds
    /// named by their ARN, of one client and region; one per build selected from a pipeline or version; with a wait, one
    /// sent after the build's scan settled, see <see cref="CountRequests"/>): a listing that ended early or repeats a
    /// finding, a severity unlike the count's, or a GetImage answer about another image keeps the build from being judged.
    /// </summary>
    /// <exception cref="ScanInputException">At once, when no build is named or a name has no build's shape; nothing is sent.</exception>
    public IAsyncEnumerable<GateResult> EvaluateAsync(IReadOnlyList<string> builds, GatePolicy policy,
        GateBaseline? baseline, CancellationToken cancellationToken = default, string parameterName = "ImageBuildVersionArn")
    {
        if (builds.Count == 0) throw NothingToJudge();
        foreach (var name in builds) BuildScans.CheckName(name, parameterName);
        var counts = new CountRequests(builds.Where(n => ImageBuilderArn.TryParse(n)?.Build is not null).ToList(), clientFor, _builds);
        return InOrder.SelectAsync(builds, concurrency, (name, ct) => JudgeBuildAsync(name, parameterName, policy, baseline, counts, ct), cancellationToken);
    }

    private async Task<GateResult> JudgeBuildAsync(string name, string parameterName, GatePolicy policy, GateBaseline? baseline,
        CountRequests counts, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, ImageCounts>>? counted = null;
        var (arn, from, listed) = (name, (string?)null, (DateTime?)null);
        ImageScanState? state = null;
        IReadOnlyList<ScanFinding> findings = [];
        string? problem = null;
        try
        {
            (arn, from, listed) = await _builds.SelectAsync(name, parameterName, cancellationToken).ConfigureAwait(false);
            if (wait is not null)
            {
                // Judged on the last state seen when the wait ran out: a failure that names it, never a pass.
                (state, problem) = await _builds.WaitAsync(arn, parameterName, wait, cancellationToken).ConfigureAwait(false);
                if (problem is null)
                {
                    // Counted by a request sent after the scan was seen settled: one sent mid-scan may miss findings.
                    counted = counts.For(arn, cancellationToken, settledAt: counts.Now());
                    findings = await _builds.FindingsAsync(arn, parameterName, cancellationToken, MostListed(counted, arn)).ConfigureAwait(false);
                    await _builds.HoldAsync(state, parameterName, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                counted = counts.For(arn, cancellationToken);
                var scan = await _builds.ReadAsync(arn, parameterName, cancellationToken, most: MostListed(counted, arn)).ConfigureAwait(false);
                (state, findings) = (scan.State, scan.Findings);
            }

            if (state is not null) BuildScans.HoldToListing($"the newest build of {from}", listed, state);
        }
        catch (ScanStateException e) when (e.ErrorId is "NoBuild" or "NoCreationDate")
        {
            problem = e.Message;
        }
        catch (ImageBuilderScanException e) when (e is not ScanInputException)
        {
            problem = Unreadable("its scan", e);
        }

        problem ??= NotThePipelines(from, state);
        problem = await CountProblemAsync(arn, counted, findings, problem).ConfigureAwait(false);
        var result = await JudgeAsync(arn, state, findings, policy, baseline, problem, cancellationToken).ConfigureAwait(false);
        return from is null ? result : result with { SelectedFrom = from };
    }

    /// <summary>The service's count of the build's findings once its answer is in, else null: the listing ends when it passes it.</summary>
    private static Func<long?> MostListed(Task<IReadOnlyDictionary<string, ImageCounts>> counted, string arn) =>
        () => counted.IsCompletedSuccessfully && counted.Result.TryGetValue(arn, out var count) ? count.All : null;

    /// <summary>The same for one build's own count request.</summary>
    private static Func<long?> MostListed(Task<ImageCounts> counted) => () => counted.IsCompletedSuccessfully ? counted.Result.All : null;

    /// <summary>
    /// Why a build chosen as a pipeline's newest is not that pipeline's by its own GetImage answer, or null. The pipeline's
    /// listing is checked only for region and account (a build ARN names no pipeline): a listing that named another
    /// pipeline's build (a clean one) would have the gate judge, and pass, something other than what was named.
    /// </summary>
    private static string? NotThePipelines(string? from, ImageScanState? state)
    {
        if (from is null || state is null || KeyShapes.FilterNameOf(from) != FilterNames.ImagePipelineArn
            || BuildScans.NotBuiltBy(from, state) is not { } why) return null;
        return $"it was listed as the newest build of {from}, but {why}, so it is not judged as that pipeline's";
    }

    /// <summary>Why the findings listed do not agree with the service's counts for the build (or the counts could not be read), else <paramref name="problem"/>.</summary>
    private static async Task<string?> CountProblemAsync(string arn, Task<IReadOnlyDictionary<string, ImageCounts>>? counted, IReadOnlyList<ScanFinding> listed,
        string? problem)
    {
        if (counted is null) return problem;
        try
        {
            var count = (await counted.ConfigureAwait(false))[arn];
            return problem ?? ServiceAgreement.Listed.Problem(listed, count);
        }
        catch (ImageBuilderScanException e) when (e is not ScanInputException)
        {
            return problem ?? Unreadable("its finding count", e);
        }
    }

    /// <summary>
    /// Judges findings handed in (from <c>Get-IBScanFinding</c>, live or copies), grouped by image in the order they came.
    /// Each image's state is read, and its findings must agree with what the service counts for it (<see cref="ServiceAgreement"/>):
    /// a listing that failed part way upstream hands in fewer, a finding handed in twice could stand in for a missing one,
    /// a copy whose severity was edited counts under another severity; none of them may pass.
    /// </summary>
    /// <param name="alsoImages">Images named besides: one with no finding handed in is judged as having none (which its count must confirm).</param>
    /// <exception cref="ScanInputException">At once, when nothing is handed in or a finding names no image; nothing is sent.</exception>
    public IAsyncEnumerable<GateResult> EvaluateFindingsAsync(IReadOnlyList<ScanFinding> findings, IReadOnlyList<string> alsoImages,
        GatePolicy policy, GateBaseline? baseline, CancellationToken cancellationToken = default)
    {
        if (findings.Count == 0 && alsoImages.Count == 0) throw NothingToJudge();
        var nameless = findings.Count(f => string.IsNullOrEmpty(f.ImageBuildVersionArn));
        if (nameless > 0)
            throw new ScanInputException("InputObject", null, "findings from Get-IBScanFinding, each with its ImageBuildVersionArn",
                $"{nameless} finding(s) name no image, so no scan state or count can vouch for them.");
        var byImage = findings.GroupBy(f => f.ImageBuildVersionArn!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var images = findings.Select(f => f.ImageBuildVersionArn!).Concat(alsoImages).Distinct(StringComparer.Ordinal).ToList();
        return InOrder.SelectAsync(images, concurrency,
            (image, ct) => JudgeHandedInAsync(image, byImage.TryGetValue(image, out var list) ? list : [], policy, baseline, ct), cancellationToken);
    }

    private async Task<GateResult> JudgeHandedInAsync(string image, IReadOnlyList<ScanFinding> mine, GatePolicy policy, GateBaseline? baseline,
        CancellationToken cancellationToken)
    {
        ImageScanState? state = null;
        // A finding handed in twice is refused before anything is asked about its image.
        var problem = ServiceAgreement.HandedIn.Repeated(mine);
        if (problem is not null) return await JudgeAsync(image, state, mine, policy, baseline, problem, cancellationToken).ConfigureAwait(false);
        try
        {
            // The count is what vouches for findings listed earlier, so it is asked once the state answered, and the state
            // again after it (BuildScans.HoldAsync): asked beside GetImage, a count taken mid-scan (as few as a listing taken
            // then) would be vouched for by a COMPLETED answered after it.
            state = await _builds.StateAsync(image, "InputObject", cancellationToken).ConfigureAwait(false);
            var counted = await _builds.CountAsync(image, "InputObject", cancellationToken).ConfigureAwait(false);
            await _builds.HoldAsync(state, "InputObject", cancellationToken).ConfigureAwait(false);
            problem = ServiceAgreement.HandedIn.Unlike(mine, counted);
        }
        catch (ImageBuilderScanException e) when (e is not ScanInputException)
        {
            problem = Unreadable("its scan state or finding count", e);
        }

        return await JudgeAsync(image, state, mine, policy, baseline, problem, cancellationToken).ConfigureAwait(false);
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
                problem = e is ScanStateException { ErrorId: BaselineAcceptance.RefusedId or "BaselineNotFound" or "ScanNotComplete" }
                    ? $"its baseline was refused ({e.ErrorId}: {e.Message})"
                    : Unreadable("its baseline", e);
            }
        }

        return evaluator.Evaluate(arn, state, findings, policy, problem);
    }

    /// <summary>
    /// The builds named to the gate, checked before anything is sent: none of them may be empty (an unset
    /// <c>$env:IMAGE_ARN</c>), and when they are the gate's only input there must be one.
    /// </summary>
    /// <exception cref="ScanInputException">An empty or missing build ARN, naming -ImageBuildVersionArn.</exception>
    public static void RequireNamedBuilds(IReadOnlyList<string?>? imageBuildVersionArns, bool required)
    {
        const string expected = "one or more image build version ARNs, e.g. arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.0.0/1";
        if (imageBuildVersionArns is null || imageBuildVersionArns.Count == 0)
        {
            if (required) throw new ScanInputException("ImageBuildVersionArn", null, expected, "no build was named (is the variable that should hold it set?).");
            return;
        }

        RequireValues("ImageBuildVersionArn", imageBuildVersionArns, expected);
    }

    /// <summary>
    /// A parameter given no value or an empty one ($null, '', an unset variable), refused naming it. The cmdlet lets such
    /// values through binding, whose refusal would end only the statement (a script, and an -ExitCode gate, going on).
    /// </summary>
    /// <exception cref="ScanInputException">No value, or an empty one among them.</exception>
    public static void RequireValues(string parameterName, IReadOnlyList<string?>? values, string expected)
    {
        if (values is null || values.Count == 0)
            throw new ScanInputException(parameterName, null, expected, "no value was given (is the variable that should hold it set?).");
        var empty = values.Count(string.IsNullOrWhiteSpace);
        if (empty > 0)
            throw new ScanInputException(parameterName, null, expected,
                (values.Count == 1 ? "the value is empty" : $"{empty} of the {values.Count} value(s) is empty") + " (is the variable that should hold it set?).");
    }

    // A gate passes only on what it judged: an empty input is a failure, never a pass.
    private static ScanInputException NothingToJudge() => new("InputObject", null, "findings from Get-IBScanFinding, or the builds to judge named",
        "No findings were handed in and no build was named: there is nothing to judge, and a gate passes only on a completed scan.");

    private static string Unreadable(string what, ImageBuilderScanException e) =>
        $"{what} could not be read completely ({e.ErrorId}: {e.Message})";
}
