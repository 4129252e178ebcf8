using System.Globalization;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Text;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>
/// What the decisions (gate, comparison) read about a build: its scan state (<c>GetImage</c>), every
/// one of its findings, and the build before it in its pipeline (<c>ListImagePipelineImages</c>).
/// Everything goes through the client's one paging and error path; <c>clientFor</c> gives the client
/// for an ARN (one client, or, in a fan-out, the target where that build lives).
/// </summary>
public sealed class BuildScans(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null)
{
    public BuildScans(ImageBuilderScanClient client, IScanLog? log = null)
        : this(_ => client, log)
    {
    }

    // Builds that never produced a scannable image are not "the previous build".
    private static readonly string[] Unusable = ["FAILED", "CANCELLED", "DELETED"];

    /// <summary>
    /// The build's state and all its findings (pages of 25, the most the service gives), asked at once. With
    /// <paramref name="wait"/>, the state is waited for first (<see cref="ScanWaiter"/>) and the findings listed once it settled.
    /// </summary>
    /// <exception cref="ScanStateException">ScanWaitTimedOut: the scan still ran when the wait ran out.</exception>
    /// <param name="most">See <see cref="FindingsAsync"/>.</param>
    public async Task<BuildScan> ReadAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken, ScanWait? wait = null,
        Func<long?>? most = null)
    {
        if (wait is not null)
        {
            var settled = (await WaitAsync(imageBuildVersionArn, parameterName, wait, cancellationToken).ConfigureAwait(false)).Settled();
            return new BuildScan(settled, await FindingsAsync(imageBuildVersionArn, parameterName, cancellationToken, most).ConfigureAwait(false));
        }

        var state = StateAsync(imageBuildVersionArn, parameterName, cancellationToken);
        var findings = FindingsAsync(imageBuildVersionArn, parameterName, cancellationToken, most);
        await Both(state, findings).ConfigureAwait(false);
        return new BuildScan(await state.ConfigureAwait(false), await findings.ConfigureAwait(false));
    }

    /// <summary>The build's state once its scan no longer runs, or its last when the wait ran out (see <see cref="ScanWaiter"/>).</summary>
    public Task<ScanWaitOutcome> WaitAsync(string imageBuildVersionArn, string parameterName, ScanWait wait, CancellationToken cancellationToken) =>
        ScanWaiter.WaitAsync(imageBuildVersionArn, ct => StateAsync(imageBuildVersionArn, parameterName, ct), wait, log, cancellationToken);

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
    /// The build a name stands for: a build ARN itself; for an image pipeline ARN, the pipeline's newest build; for an
    /// image version ARN (no build number, as AWS Tools' Get-EC2IBImageList gives), that version's newest build. Both
    /// by creation date (ties: the greater ARN), said in a verbose line.
    /// </summary>
    /// <exception cref="ScanInputException">The name is none of those shapes (see <see cref="CheckName"/>).</exception>
    /// <exception cref="ScanStateException">NoBuild: the pipeline or version has no build.</exception>
    public async Task<SelectedBuild> SelectAsync(string name, string parameterName, CancellationToken cancellationToken)
    {
        switch (CheckName(name, parameterName))
        {
            case FilterNames.ImagePipelineArn:
            {
                var query = new PipelineImagesQuery { Values = [name], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = parameterName };
                return Newest(name, "pipeline", await Collect(clientFor(name).GetPipelineImagesAsync(query, cancellationToken)).ConfigureAwait(false));
            }
            case FilterNames.ImageVersionArn:
            {
                var query = new ImageBuildVersionsQuery { Values = [name], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = parameterName };
                return Newest(name, "image version", await Collect(clientFor(name).GetImageBuildVersionsAsync(query, cancellationToken)).ConfigureAwait(false));
            }
            default:
                return new SelectedBuild(name, null);
        }
    }

    /// <summary>Refuses, before anything is sent, a name that is no build, image version or pipeline ARN.</summary>
    /// <returns>The name's kind: <see cref="FilterNames.ImageBuildVersionArn"/>, <see cref="FilterNames.ImageVersionArn"/> or <see cref="FilterNames.ImagePipelineArn"/>.</returns>
    /// <exception cref="ScanInputException">The name has none of those shapes.</exception>
    public static string CheckName(string name, string parameterName) => KeyShapes.FilterNameOf(name) switch
    {
        FilterNames.ImageBuildVersionArn => FilterNames.ImageBuildVersionArn,
        FilterNames.ImagePipelineArn => FilterNames.ImagePipelineArn,
        FilterNames.ImageVersionArn => FilterNames.ImageVersionArn,
        _ => throw new ScanInputException(parameterName, name, KeyShapes.BuildExpectedForm,
            $"'{Client.Text.InputDisplay.Show(name)}' is no image build version, image version or image pipeline ARN."),
    };

    /// <summary>
    /// Refuses, before anything is sent, named builds or pipelines whose ARN is of another region than the one given
    /// (-Region) to the client that would ask it (see <see cref="ImageBuilderScanClient.RefuseOtherRegions"/>); names that
    /// are no ARN are left to the steps that read them.
    /// </summary>
    /// <exception cref="ScanRegionException">An ARN of another region than the one given.</exception>
    public void RefuseOtherRegions(IEnumerable<string?> names, string parameterName)
    {
        foreach (var name in names)
        {
            if (name is not null && ImageBuilderArn.RegionOf(name) is { Length: > 0 }) clientFor(name).RefuseOtherRegions([name], parameterName);
        }
    }

    /// <summary>Refuses, before anything is sent, each value of a -ImagePipelineArn that is no image pipeline ARN (a build or
    /// version ARN there is refused too: the parameter promises a pipeline's newest build).</summary>
    /// <exception cref="ScanInputException">A value that is no image pipeline ARN, naming <paramref name="parameterName"/>.</exception>
    public static IReadOnlyList<string> RequirePipelines(IReadOnlyList<string> values, string parameterName)
    {
        foreach (var value in values)
        {
            if (KeyShapes.FilterNameOf(value) != FilterNames.ImagePipelineArn)
                throw new ScanInputException(parameterName, value, "an image pipeline ARN (arn:aws:imagebuilder:<region>:<account>:image-pipeline/<name>)",
                    $"'{Client.Text.InputDisplay.Show(value)}' is not an image pipeline ARN.");
        }

        return values;
    }

    private SelectedBuild Newest(string name, string what, IReadOnlyList<ImageSummary> builds)
    {
        ImageSummary? newest = null;
        foreach (var build in builds)
        {
            // The listing is checked as GetImage's answer is: a build that is not the version's or the pipeline's
            // (another image, region or account) would have the gate judge something else than what was named.
            if (!BelongsTo(build.Arn, name))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the {what} {name}, the service listed {Client.Text.InputDisplay.Arn(build.Arn)}, which is not one of them: the listing is not used.");
            if (newest is null || Newer(build, newest)) newest = build;
        }

        if (newest is null)
            throw new ScanStateException("NoBuild", name, $"The {what} {name} has no build to judge.");
        log?.Verbose($"The newest build of the {what} {name} is {newest.Arn}" +
            (newest.DateCreated is { } created ? $" (created {created.ToString("u", CultureInfo.InvariantCulture)})." : "."));
        return new SelectedBuild(newest.Arn, name);
    }

    /// <summary>Whether a listed build is one of the named version's (its ARN under the version's) or the named pipeline's
    /// (a build ARN in the pipeline's region and account; a build names no pipeline, so that is what can be checked; its
    /// GetImage answer is checked by the gate), and can be asked about.</summary>
    private static bool BelongsTo(string? build, string name)
    {
        // A build ARN longer than a filter value may be (the shape bounds no name) could not be asked about: the user's
        // parameter would be refused for it (a ScanInputException, exit 1 under Stop) instead of the listing.
        if (build is null || build.Length > QueryValidator.MaxValueLength || KeyShapes.FilterNameOf(build) != FilterNames.ImageBuildVersionArn) return false;
        if (KeyShapes.FilterNameOf(name) == FilterNames.ImageVersionArn) return build.StartsWith(name + "/", StringComparison.Ordinal);
        return ImageBuilderArn.TryParse(build) is { } b && ImageBuilderArn.TryParse(name) is { } p
            && b.Region == p.Region && b.AccountId == p.AccountId && b.Partition == p.Partition;
    }

    // By creation date; a build without one is older than any with one; ties by the later build number (as a number:
    // build 10 is after build 9), then by the ARN.
    private static bool Newer(ImageSummary build, ImageSummary than)
    {
        var (a, b) = (build.DateCreated ?? DateTime.MinValue, than.DateCreated ?? DateTime.MinValue);
        if (a != b) return a > b;
        var (x, y) = (BuildNumber(build.Arn), BuildNumber(than.Arn));
        return x != y ? x > y : string.CompareOrdinal(build.Arn, than.Arn) > 0;
    }

    private static long BuildNumber(string? arn) =>
        long.TryParse(arn?[(arn.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static async Task<IReadOnlyList<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false)) list.Add(item);
        return list;
    }

    /// <summary>Every finding of one build.</summary>
    /// <param name="most">How many findings the build can have, once known (the service's count), else null: a listing
    /// that passes it is ended there, since it can no longer agree with the count (pages of fresh findings that never end
    /// would otherwise be collected until memory or the job's time runs out).</param>
    /// <exception cref="ScanProtocolException">UnexpectedFinding: the listing holds a finding of another build;
    /// MoreFindingsThanCounted: it passed <paramref name="most"/>.</exception>
    public async Task<IReadOnlyList<ScanFinding>> FindingsAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken,
        Func<long?>? most = null)
    {
        var query = new FindingQuery
        {
            FilterName = FilterNames.ImageBuildVersionArn, Values = [imageBuildVersionArn], PageSize = QueryValidator.MaxPageSize,
            ValuesParameterName = parameterName,
        };
        var findings = new List<ScanFinding>();
        await foreach (var finding in clientFor(imageBuildVersionArn).GetFindingsAsync(query, cancellationToken).ConfigureAwait(false))
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
            if (most?.Invoke() is { } limit && findings.Count > limit)
                throw new ScanProtocolException("MoreFindingsThanCounted",
                    $"Listing the findings of {imageBuildVersionArn} passed the {limit} the service counts for it (request id " +
                    $"{InputDisplay.RequestId(finding.RequestId)}): the listing was ended there, and the build is not judged.", finding.RequestId);
        }
        return findings;
    }

    /// <summary>The build's scan state (<c>GetImage</c>).</summary>
    public Task<ImageScanState> StateAsync(string imageBuildVersionArn, string parameterName, CancellationToken cancellationToken) =>
        clientFor(imageBuildVersionArn).GetImageScanStateAsync(imageBuildVersionArn, parameterName, cancellationToken);

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
        await foreach (var aggregation in clientFor(imageBuildVersionArns[0]).GetAggregationsAsync(query, cancellationToken).ConfigureAwait(false))
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

    /// <summary>
    /// The newest build of the same pipeline created before <paramref name="image"/>, or null when it is
    /// the pipeline's first. Builds that failed, were cancelled or deleted are passed over.
    /// </summary>
    /// <exception cref="ScanStateException">The image came from no pipeline, or has no creation date to order by.</exception>
    public async Task<ImageSummary?> PreviousBuildAsync(ImageScanState image, CancellationToken cancellationToken)
    {
        var older = await OlderBuildsAsync(image, cancellationToken).ConfigureAwait(false);
        var previous = older.Count > 0 ? older[0] : null;
        log?.Verbose(previous is null
            ? $"{image.ImageBuildVersionArn} is the first build of {image.ImagePipelineArn}: there is no previous build."
            : $"The previous build of {image.ImagePipelineArn} before {image.ImageBuildVersionArn} is {InputDisplay.Arn(previous.Arn)} (created {previous.DateCreated!.Value.ToString("u", CultureInfo.InvariantCulture)}).");
        return previous;
    }

    /// <summary>
    /// The builds of the same pipeline created before <paramref name="image"/>, newest first (ties by ARN,
    /// the greater first); builds that failed, were cancelled or deleted are passed over.
    /// </summary>
    /// <exception cref="ScanStateException">The image came from no pipeline, or has no creation date to order by.</exception>
    /// <exception cref="ScanProtocolException">UnexpectedBuild: the listing names a build that is not the pipeline's.</exception>
    public async Task<IReadOnlyList<ImageSummary>> OlderBuildsAsync(ImageScanState image, CancellationToken cancellationToken)
    {
        if (image.ImagePipelineArn is not { Length: > 0 } pipeline)
            throw new ScanStateException("NoPipeline", image.ImageBuildVersionArn,
                $"{image.ImageBuildVersionArn} was not built by a pipeline, so it has no previous build: name the other build explicitly.");
        if (image.DateCreated is not { } created)
            throw new ScanStateException("NoCreationDate", image.ImageBuildVersionArn,
                $"{image.ImageBuildVersionArn} has no creation date, so its previous build cannot be told: name the other build explicitly.");

        var older = new List<ImageSummary>();
        var query = new PipelineImagesQuery { Values = [pipeline], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = "ImagePipelineArn" };
        await foreach (var build in clientFor(pipeline).GetPipelineImagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // Checked as the newest build's selection is (a baseline is read by its ARN: one that is no build, or another
            // region's or account's, would be asked for or compared with in its place).
            if (!BelongsTo(build.Arn, pipeline))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the pipeline {pipeline}, the service listed {InputDisplay.Arn(build.Arn)}, which is not one of them: the listing is not used.");
            if (build.Arn == image.ImageBuildVersionArn || build.DateCreated is not { } when || when >= created) continue;
            if (build.State is { } s && Unusable.Contains(s, StringComparer.Ordinal))
            {
                log?.Verbose($"Passed over {InputDisplay.Arn(build.Arn)}: its build is {InputDisplay.Show(s)}.");
                continue;
            }

            older.Add(build);
        }

        return older.OrderByDescending(b => b.DateCreated).ThenByDescending(b => b.Arn, StringComparer.Ordinal).ToList();
    }

    /// <summary>Refuses a build whose scan did not complete: its findings are not the whole list.</summary>
    public static void RequireComplete(ImageScanState state, string role)
    {
        if (state.IsComplete) return;
        var what = !state.ScanningEnabled ? "scanning is not enabled for it"
            : $"its scan is {InputDisplay.Show(state.Status ?? "in no state")}{(state.Reason is { Length: > 0 } r ? $" ({InputDisplay.Show(r)})" : "")}";
        throw new ScanStateException("ScanNotComplete", state.ImageBuildVersionArn,
            $"The {role} {state.ImageBuildVersionArn} cannot be compared: {what}, so its findings may be incomplete.");
    }
}
