using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>What a fan-out does with an aggregation another target already returned.</summary>
public enum OverlapVerdict
{
    /// <summary>No other target returned it: write it.</summary>
    First,
    /// <summary>Another target returned it with the same counts (an administrator's role and a member's): written once, said in -Verbose.</summary>
    Same,
    /// <summary>Another target returned it with other counts: both are written, and a warning names both targets.</summary>
    Differs,
}

/// <summary>
/// Aggregations that several targets of a fan-out return: a delegated administrator's role sees its
/// member accounts, so the administrator's and a member's role both return the member's aggregation,
/// and a sum over the output would count it twice. The same aggregation is the same kind and key in
/// the same region and account; it is the same again when its counts are (the request id is left
/// out: it names the page, not the data). Only what another target returned is compared; a target's
/// own items pass as they are.
/// </summary>
public sealed class AggregationOverlap
{
    private readonly Dictionary<(string Kind, string Key, string? Region, string? AccountId), (FleetTarget Target, ScanFindingAggregation Item)> _seen = [];

    /// <summary>The verdict on <paramref name="item"/> from <paramref name="target"/>, with the line that says it (null for <see cref="OverlapVerdict.First"/>).</summary>
    public OverlapVerdict Check(FleetTarget target, ScanFindingAggregation item, out string? message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        message = null;
        // Without an account (a vulnerability aggregation whose account could not be told) two accounts' rows could look
        // the same: nothing is dropped then, or a sum over the output would come out low.
        if (item.AccountId is null) return OverlapVerdict.First;
        var key = (item.Kind, item.Key, item.Region, item.AccountId);
        if (!_seen.TryGetValue(key, out var first))
        {
            _seen[key] = (target, item);
            return OverlapVerdict.First;
        }

        if (first.Target.Label == target.Label) return OverlapVerdict.First;
        var what = $"The {item.Kind} aggregation {InputDisplay.Show(item.Key)} ({item.Region ?? "no region"}, account {item.AccountId ?? "unknown"})";
        if (SameCounts(first.Item, item))
        {
            message = $"{what} came the same from {first.Target.Label} and {target.Label}: written once.";
            return OverlapVerdict.Same;
        }

        message = $"{what} differs between {first.Target.Label} ({Counts(first.Item)}) and {target.Label} ({Counts(item)}): " +
            "both are written, each with its Target; do not add them up.";
        return OverlapVerdict.Differs;
    }

    private static bool SameCounts(ScanFindingAggregation a, ScanFindingAggregation b) =>
        a.Critical == b.Critical && a.High == b.High && a.Medium == b.Medium && a.All == b.All
        && a.AggregationType == b.AggregationType;

    private static string Counts(ScanFindingAggregation a) => $"Critical {a.Critical}, High {a.High}, Medium {a.Medium}, All {a.All}";
}
