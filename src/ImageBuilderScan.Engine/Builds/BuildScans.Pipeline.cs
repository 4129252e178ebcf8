using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>The builds of a build's pipeline before it: the comparison's reference and the gate's -NewOnly baseline.</summary>
public sealed partial class BuildScans
{
    /// <summary>
    /// The newest build of the same pipeline created before <paramref name="image"/>, or null when it is
    /// the pipeline's first. Builds that failed, were cancelled or deleted are passed over.
    /// </summary>
    /// <exception cref="ScanStateException">The image came from no pipeline, or has no creation date to order by.</exception>
    public async Task<ImageSummary?> PreviousBuildAsync(ImageScanState image, CancellationToken cancellationToken)
    {
        var older = await OlderBuildsAsync(image, cancellationToken).ConfigureAwait(false);
        var previous = older.Count > 0 ? older[0] : null;
        _log?.Verbose(previous is null
            ? $"{image.ImageBuildVersionArn} is the first build of {image.ImagePipelineArn}: there is no previous build."
            : $"The previous build of {image.ImagePipelineArn} before {image.ImageBuildVersionArn} is {InputDisplay.Arn(previous.Arn)} (created {previous.DateCreated!.Value.ToString("u", CultureInfo.InvariantCulture)}).");
        return previous;
    }

    /// <summary>
    /// The builds of the same pipeline created before <paramref name="image"/>, newest first (ties by ARN,
    /// the greater first); builds that failed, were cancelled or deleted are passed over. Each is the listing's word: whoever
    /// takes one holds its own GetImage answer to its date (<see cref="HoldToListing"/>).
    /// </summary>
    /// <exception cref="ScanStateException">The image came from no pipeline, or it or a listed build has no creation date to order by.</exception>
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
        foreach (var build in await PipelineBuildsAsync(pipeline, "ImagePipelineArn", cancellationToken).ConfigureAwait(false))
        {
            if (build.Arn == image.ImageBuildVersionArn) continue;
            // An undated build is not passed over as newer: it may be the previous build, and an older one would stand in for it.
            RequireDate(build, $"the pipeline {pipeline}");
            if (build.DateCreated >= created) continue;
            // Builds that never produced a scannable image are not "the previous build".
            if (ServiceValues.IsOneOf(build.State, ServiceValues.ImageStatusesWithoutImage))
            {
                _log?.Verbose($"Passed over {InputDisplay.Arn(build.Arn)}: its build is {InputDisplay.Show(build.State)}.");
                continue;
            }

            older.Add(build);
        }

        return older.OrderByDescending(b => b.DateCreated).ThenByDescending(b => b.Arn, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every build a pipeline's listing names (<c>ListImagePipelineImages</c>), checked where they are listed, for every reader
    /// (the newest build, the builds before one, the history): each a build ARN of the pipeline's region and account, and each
    /// once. A build of another region or account would be asked for in its place, and one listed twice would be two rows of a
    /// history. Which pipeline built a build only its own GetImage answer says (<see cref="HoldToPipeline"/>).
    /// </summary>
    /// <exception cref="ScanProtocolException">UnexpectedBuild: a listed build is not the pipeline's, or is listed twice.</exception>
    public async Task<IReadOnlyList<ImageSummary>> PipelineBuildsAsync(string pipeline, string parameterName, CancellationToken cancellationToken)
    {
        var query = new PipelineImagesQuery { Values = [pipeline], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = parameterName };
        var builds = new List<ImageSummary>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var build in _clientFor(pipeline).GetPipelineImagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (!BelongsTo(build.Arn, pipeline))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the pipeline {pipeline}, the service listed {InputDisplay.Arn(build.Arn)}, which is not one of them: the listing is not used.", build.RequestId);
            if (!seen.Add(build.Arn))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the pipeline {pipeline}, the service listed {InputDisplay.Arn(build.Arn)} twice (request id " +
                    $"{InputDisplay.RequestId(build.RequestId)}): a build is one build, so the listing is not used.", build.RequestId);
            builds.Add(build);
        }

        return builds;
    }

    /// <summary>
    /// Holds a build a pipeline's listing named as that pipeline's (its newest, a build of its history) to its own GetImage
    /// answer: the listing names no pipeline on a build (<see cref="BelongsTo"/> checks region and account only), and a
    /// listing that names another pipeline's build (a filter ignored) would have it compared or counted as this one's.
    /// </summary>
    /// <exception cref="ScanProtocolException">UnexpectedBuild, naming the pipeline GetImage gives (or none).</exception>
    public static void HoldToPipeline(string listedAs, string pipeline, ImageScanState state)
    {
        if (NotBuiltBy(pipeline, state) is { } why)
            throw new ScanProtocolException("UnexpectedBuild",
                $"{state.ImageBuildVersionArn} was listed as {listedAs}, but {why}: it is not used as that pipeline's.");
    }

    /// <summary>
    /// What makes <paramref name="other"/> no earlier build of <paramref name="image"/>'s pipeline (said of <paramref name="other"/>), or
    /// null: it is the build itself, of another pipeline, or not older (or either has no creation date). The rule a baseline
    /// (Gate.BaselineAcceptance) and a previous build are held to.
    /// </summary>
    public static string? NotAnOlderBuildOf(ImageScanState image, ImageScanState other)
    {
        if (string.Equals(image.ImageBuildVersionArn, other.ImageBuildVersionArn, StringComparison.Ordinal))
            return "is the build being judged: every finding would pass as inherited";
        if (!string.Equals(image.ImagePipelineArn, other.ImagePipelineArn, StringComparison.Ordinal))
            return $"is of another pipeline ({other.ImagePipelineArn ?? "none"}) than the build ({image.ImagePipelineArn ?? "none"})";
        if (image.DateCreated is not { } built || other.DateCreated is not { } then)
            return "or the build has no creation date, so the baseline cannot be shown to be older";
        if (then >= built)
            return $"is not older than the build (created {then:u}, the build {built:u})";
        return null;
    }

    /// <summary>Why <paramref name="state"/>'s own GetImage answer says another pipeline (or none) built it than <paramref name="pipeline"/>; null when it names that one.</summary>
    public static string? NotBuiltBy(string pipeline, ImageScanState state) =>
        string.Equals(state.ImagePipelineArn, pipeline, StringComparison.Ordinal) ? null
            : $"GetImage says it was built by {(state.ImagePipelineArn is null ? "no pipeline" : InputDisplay.Arn(state.ImagePipelineArn))}";

    /// <summary>
    /// Holds a build a pipeline's listing named as older than <paramref name="image"/> (the comparison's previous build, the gate's
    /// -NewOnly baseline) to its own GetImage answer: its date as listed (<see cref="HoldToListing"/>), and
    /// (<see cref="NotAnOlderBuildOf"/>) another build of the same pipeline created before it. A newer build, or another
    /// pipeline's, would otherwise be compared with (or excuse findings) in the previous build's place.
    /// </summary>
    /// <exception cref="ScanProtocolException">UnexpectedBuild, naming what its GetImage answer says.</exception>
    public static void HoldToOlder(ImageScanState image, ImageSummary listed, ImageScanState state)
    {
        HoldToListing($"an older build of {image.ImagePipelineArn}", listed.DateCreated, state);
        if (NotAnOlderBuildOf(image, state) is { } problem)
            throw new ScanProtocolException("UnexpectedBuild",
                $"The pipeline's listing named {listed.Arn} as an older build of {image.ImagePipelineArn}, but by its own GetImage answer it {problem}: it is not used in its place.");
    }
}
