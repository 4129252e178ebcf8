using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Engine.History;

/// <summary>
/// A pipeline's builds over time (Get-IBScanHistory): its builds (<c>ListImagePipelineImages</c>), each
/// build's scan state (<c>GetImage</c>, several at once), and the counts of the builds whose scan
/// completed (<c>ListImageScanFindingAggregations</c> by build ARN, ten ARNs a request). Every call goes
/// through the client's one paging and error path; <c>clientFor</c> gives the client for an ARN (one
/// client, or, in a fan-out, the target where the pipeline lives). A failure ends the pipeline's history
/// with an error: a history with a build missing or a count unread would look complete.
/// </summary>
/// <remarks><c>concurrency</c> bounds the GetImage requests in flight at once for one pipeline (the command's
/// -ThrottleLimit, as the client bounds its chains of aggregation chunks); 1 asks one build after another.</remarks>
public sealed class PipelineHistory(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null, int concurrency = 8)
{
    public PipelineHistory(ImageBuilderScanClient client, IScanLog? log = null, int concurrency = 8)
        : this(_ => client, log, concurrency)
    {
    }

    private const string ParameterName = "ImagePipelineArn";
    // The builds' ARNs come from the service, not from a parameter; an ARN it sent in a shape no request takes is named so.
    private const string BuildParameterName = "ImageBuildVersionArn";

    /// <summary>The pipeline's builds, oldest first; with <paramref name="last"/> only the newest that many.</summary>
    /// <exception cref="Client.Errors.ScanInputException">At once, when the ARN is not a pipeline ARN; nothing is sent.</exception>
    public async IAsyncEnumerable<BuildHistoryEntry> ReadAsync(string imagePipelineArn, int? last = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (last is < 1) throw new ArgumentOutOfRangeException(nameof(last), last, "Expected at least 1.");
        var client = clientFor(imagePipelineArn);
        var reader = new BuildScans(_ => client, log);
        // Each build the pipeline's, and once (BuildScans.PipelineBuildsAsync): a build listed twice would be two rows.
        var builds = await reader.PipelineBuildsAsync(imagePipelineArn, ParameterName, cancellationToken).ConfigureAwait(false);

        var entries = builds.Select(b => Entry(imagePipelineArn, b)).Order(BuildOrder.Instance).ToList();
        if (last is { } n && entries.Count > n) entries = entries.GetRange(entries.Count - n, n);
        log?.Verbose($"{imagePipelineArn}: {builds.Count} build(s){(entries.Count < builds.Count ? $", the newest {entries.Count} kept" : "")}.");

        var states = new ImageScanState?[entries.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var state = await client.GetImageScanStateAsync(entries[i].ImageBuildVersionArn, BuildParameterName, ct).ConfigureAwait(false);
                // Another pipeline's build (a filter ignored) would be a row, and its counts, of this pipeline's history.
                BuildScans.HoldToPipeline($"a build of {imagePipelineArn}", imagePipelineArn, state);
                states[i] = state;
            }).ConfigureAwait(false);

        var complete = entries.Where((_, i) => states[i]!.IsComplete).Select(e => e.ImageBuildVersionArn).ToList();
        // The gate's own count reading (one home): strict, so a count of another kind or build, or a build counted twice,
        // ends the history with an error instead of being summed into a number the service never gave.
        var counts = complete.Count == 0 ? new Dictionary<string, ImageCounts>()
            : await reader.CountsAsync(complete, BuildParameterName, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < entries.Count; i++)
        {
            var state = states[i]!;
            var entry = entries[i] with { ScanStatus = state.Status, ScanReason = state.Reason, ScanComplete = state.IsComplete };
            if (state.IsComplete)
            {
                // A build with no aggregation has no findings: its zeros are real. A count the answer left out stays null (unknown).
                var c = counts[entry.ImageBuildVersionArn];
                entry = entry with { Critical = c.Critical, High = c.High, Medium = c.Medium, All = c.All };
            }

            yield return entry;
        }
    }

    private static BuildHistoryEntry Entry(string pipelineArn, ImageSummary build)
    {
        var arn = ImageBuilderArn.TryParse(build.Arn);
        var pipeline = ImageBuilderArn.TryParse(pipelineArn);
        return new BuildHistoryEntry
        {
            ImagePipelineArn = pipelineArn,
            PipelineName = pipeline?.Name ?? pipelineArn,
            ImageBuildVersionArn = build.Arn,
            ImageName = build.Name ?? arn?.Name ?? build.Arn,
            ImageVersion = arn?.Version ?? build.Version,
            BuildNumber = long.TryParse(arn?.Build, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
            DateCreated = build.DateCreated,
            ImageState = build.State,
            ScanComplete = false,
            Region = arn?.Region ?? pipeline?.Region ?? "",
            AccountId = arn?.AccountId ?? pipeline?.AccountId ?? "",
        };
    }
}
