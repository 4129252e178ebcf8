using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// The gate's finding counts by build: the builds named are grouped by client and region in the order given, ten
/// to a group (what one aggregation request takes), and a group's request is sent when the first of its builds is
/// asked for, so it runs while that build's findings are listed.
/// </summary>
internal sealed class CountRequests
{
    private readonly Dictionary<string, int> _groupOf = new(StringComparer.Ordinal);
    private readonly List<List<string>> _groups = [];
    private readonly Dictionary<int, Task<IReadOnlyDictionary<string, BuildCount>>> _sent = [];
    private readonly BuildScans _builds;

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

    /// <summary>
    /// The counts of the group holding <paramref name="imageBuildVersionArn"/>, asked once; a build not named up front
    /// (selected from a pipeline or a version) is asked alone. Builds are judged concurrently: one lock guards the asking.
    /// </summary>
    public Task<IReadOnlyDictionary<string, BuildCount>> For(string imageBuildVersionArn, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            if (!_groupOf.TryGetValue(imageBuildVersionArn, out var index))
                return _builds.CountsAsync([imageBuildVersionArn], "ImageBuildVersionArn", cancellationToken);
            if (!_sent.TryGetValue(index, out var counts))
                _sent[index] = counts = _builds.CountsAsync(_groups[index], "ImageBuildVersionArn", cancellationToken);
            return counts;
        }
    }
}
