using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// The gate's finding counts by build: the builds named are grouped by client and region in the order given, ten
/// to a group (what one aggregation request takes), and a group's request is sent when the first of its builds is
/// asked for, so it runs while that build's findings are listed. With -WaitForScan a build's count must be read after
/// its scan settled (a count read mid-scan may miss findings still being collected): a build that settled after its
/// group's request was sent is asked alone. "After" is told on the gate's own clock (<see cref="Now"/>), no timing.
/// </summary>
internal sealed class CountRequests
{
    private readonly Dictionary<string, int> _groupOf = new(StringComparer.Ordinal);
    private readonly List<List<string>> _groups = [];
    private readonly Dictionary<int, (Task<IReadOnlyDictionary<string, ImageCounts>> Counts, long SentAt)> _sent = [];
    private readonly BuildScans _builds;
    private long _clock;

    public CountRequests(IReadOnlyList<string> imageBuildVersionArns, Func<string, ImageBuilderScanClient> clientFor, BuildScans builds)
    {
        _builds = builds;
        // The group still taking builds, by client and region.
        var open = new Dictionary<(ImageBuilderScanClient, string?), int>();
        foreach (var arn in imageBuildVersionArns.Distinct(StringComparer.Ordinal))
        {
            var key = (clientFor(arn), ImageBuilderArn.RegionOf(arn));
            if (!open.TryGetValue(key, out var index) || _groups[index].Count == QueryValidator.MaxValuesPerAggregationRequest)
            {
                open[key] = index = _groups.Count;
                _groups.Add([]);
            }
            _groups[index].Add(arn);
            _groupOf[arn] = index;
        }
    }

    /// <summary>A moment on the gate's clock: take it once a build's scan was seen settled, and hand it to <see cref="For"/>.</summary>
    public long Now() => Interlocked.Increment(ref _clock);

    /// <summary>
    /// The counts of the group holding <paramref name="imageBuildVersionArn"/>, asked once; a build not named up front
    /// (selected from a pipeline or a version) is asked alone. Builds are judged concurrently: one lock guards the asking.
    /// </summary>
    /// <param name="settledAt">When the build's scan was seen settled (<see cref="Now"/>), with -WaitForScan: a group request
    /// sent before then is not this build's count, so it is asked alone. Null: any request of its group will do.</param>
    public Task<IReadOnlyDictionary<string, ImageCounts>> For(string imageBuildVersionArn, CancellationToken cancellationToken, long? settledAt = null)
    {
        lock (_sent)
        {
            if (!_groupOf.TryGetValue(imageBuildVersionArn, out var index))
                return _builds.CountsAsync([imageBuildVersionArn], "ImageBuildVersionArn", cancellationToken);
            if (_sent.TryGetValue(index, out var sent))
            {
                return settledAt is null || sent.SentAt > settledAt
                    ? sent.Counts
                    : _builds.CountsAsync([imageBuildVersionArn], "ImageBuildVersionArn", cancellationToken);
            }

            // The moment is taken before the request goes out: a build that settled before it is counted by this request.
            var sentAt = Now();
            var counts = _builds.CountsAsync(_groups[index], "ImageBuildVersionArn", cancellationToken);
            _sent[index] = (counts, sentAt);
            return counts;
        }
    }
}
