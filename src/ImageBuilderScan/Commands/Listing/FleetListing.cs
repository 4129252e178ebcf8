using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Fleet;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// A listing's fan-out in this module's terms: which paging parameters it refuses (a page token belongs
/// to one listing of one target), and the closing -Verbose lines (one per target, then the total).
/// </summary>
internal sealed class FleetListing
{
    private readonly List<TargetSummary> _summaries = [];
    private int _completed;

    /// <summary>The refusal of -NextToken, -NoAutoPage or -NextTokenVariable (the first given) in a fan-out; null when none is given.</summary>
    public static ScanInputException? PagingRefusal(int targetCount, string? nextToken, bool noAutoPage, string? nextTokenVariable)
    {
        if (nextToken is null && !noAutoPage && nextTokenVariable is null) return null;
        var parameter = nextToken is not null ? "NextToken" : noAutoPage ? "NoAutoPage" : "NextTokenVariable";
        return new ScanInputException(parameter, null, "one region and one account with -NextToken, -NoAutoPage and -NextTokenVariable",
            $"the command fans out over {targetCount} targets, and a page token belongs to one listing of one of them.");
    }

    /// <summary>Counts how one target ended: its last event, completed or failed.</summary>
    public void Ended(TargetSummary summary, bool completed)
    {
        _summaries.Add(summary);
        if (completed) _completed++;
    }

    /// <summary>A line per target that ended, by label, then the items and the targets that completed.</summary>
    public IEnumerable<string> VerboseLines(int targetCount, string itemsName)
    {
        foreach (var summary in _summaries.OrderBy(s => s.Target.Label, StringComparer.Ordinal)) yield return summary.ToString();
        yield return $"{_summaries.Sum(s => s.Items)} {itemsName} from {_completed} of {targetCount} targets.";
    }
}
