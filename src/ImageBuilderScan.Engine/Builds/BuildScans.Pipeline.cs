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
        var query = new PipelineImagesQuery { Values = [pipeline], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = "ImagePipelineArn" };
        await foreach (var build in _clientFor(pipeline).GetPipelineImagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            // Checked as the newest build's selection is (a baseline is read by its ARN: one that is no build, or another
            // region's or account's, would be asked for or compared with in its place).
            if (!BelongsTo(build.Arn, pipeline))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the pipeline {pipeline}, the service listed {InputDisplay.Arn(build.Arn)}, which is not one of them: the listing is not used.");
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
}
