using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>What a fan-out does with an item another target already returned.</summary>
public enum OverlapVerdict
{
    /// <summary>No other target returned it: write it.</summary>
    First,
    /// <summary>Another target returned it alike (an administrator's role and a member's): written once, said in -Verbose.</summary>
    Same,
    /// <summary>Another target returned it otherwise: both are written, and a warning names both targets.</summary>
    Differs,
}

/// <summary>The overlap check a listing command applies to each item of a fan-out, whatever its kind.</summary>
public interface IFleetOverlap
{
    /// <summary>The verdict on <paramref name="item"/> from <paramref name="target"/>, with the line that says it (null for <see cref="OverlapVerdict.First"/>).</summary>
    OverlapVerdict Check(FleetTarget target, object item, out string? message);
}

/// <summary>
/// Items that several targets of a fan-out return: a delegated administrator's role sees its member accounts, so
/// the administrator's and a member's role both return the member's aggregations and findings, and a sum or a count
/// over the output would take them twice. An item is the same item again when its key is (<see cref="KeyOf"/>: in the
/// same region and account), and alike when what it says is (<see cref="Alike"/>). Only what another target returned
/// is compared; a target's own items pass as they are (a page may hold the same thing twice, and that is the
/// service's to say).
/// </summary>
public abstract class FleetOverlap<T> : IFleetOverlap where T : class
{
    private readonly Dictionary<object, (FleetTarget Target, T Item)> _seen = [];

    /// <summary>What makes it the same item; null when that cannot be told (no account), and then nothing is dropped.</summary>
    protected abstract object? KeyOf(T item);

    /// <summary>Whether a second target's copy says what the first one's did.</summary>
    protected abstract bool Alike(T first, T again);

    /// <summary>The item named in a message.</summary>
    protected abstract string What(T item);

    /// <summary>What a copy says, to show how two differ.</summary>
    protected abstract string Values(T item);

    public OverlapVerdict Check(FleetTarget target, T item, out string? message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(item);
        message = null;
        // Without a key two accounts' items could look the same: nothing is dropped then, or a sum would come out low.
        if (KeyOf(item) is not { } key) return OverlapVerdict.First;
        if (!_seen.TryGetValue(key, out var first))
        {
            _seen[key] = (target, item);
            return OverlapVerdict.First;
        }

        if (first.Target.Label == target.Label) return OverlapVerdict.First;
        if (Alike(first.Item, item))
        {
            message = $"{What(item)} came the same from {first.Target.Label} and {target.Label}: written once.";
            return OverlapVerdict.Same;
        }

        message = $"{What(item)} differs between {first.Target.Label} ({Values(first.Item)}) and {target.Label} ({Values(item)}): " +
            "both are written, each with its Target; do not add them up.";
        return OverlapVerdict.Differs;
    }

    OverlapVerdict IFleetOverlap.Check(FleetTarget target, object item, out string? message)
    {
        if (item is T mine) return Check(target, mine, out message);
        message = null;
        return OverlapVerdict.First;
    }
}

/// <summary>Aggregations: the same kind and key in the same region and account; alike when their counts are (the request id names the page, not the data).</summary>
public sealed class AggregationOverlap : FleetOverlap<ScanFindingAggregation>
{
    protected override object? KeyOf(ScanFindingAggregation item) =>
        item.AccountId is null ? null : (item.Kind, item.Key, item.Region, item.AccountId);

    protected override bool Alike(ScanFindingAggregation a, ScanFindingAggregation b) =>
        a.Critical == b.Critical && a.High == b.High && a.Medium == b.Medium && a.All == b.All && a.AggregationType == b.AggregationType;

    protected override string What(ScanFindingAggregation a) =>
        $"The {a.Kind} aggregation {InputDisplay.Show(a.Key)} ({a.Region ?? "no region"}, account {a.AccountId ?? "unknown"})";

    protected override string Values(ScanFindingAggregation a) => $"Critical {Count(a.Critical)}, High {Count(a.High)}, Medium {Count(a.Medium)}, All {Count(a.All)}";

    // A count the service did not send is unknown, never printed as a blank that reads as nothing.
    private static string Count(long? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}

/// <summary>
/// Findings: the same finding (<see cref="FindingIdentity"/>: its build, type, vulnerability and packages) in the same
/// region and account; alike when what the gate and the reports read from it is (severity, score, fix, last update).
/// </summary>
public sealed class FindingOverlap : FleetOverlap<ScanFinding>
{
    protected override object? KeyOf(ScanFinding item) =>
        item.AccountId is null ? null : (FindingIdentity.Of(item), item.Region, item.AccountId);

    protected override bool Alike(ScanFinding a, ScanFinding b) =>
        a.Severity == b.Severity && a.InspectorScore == b.InspectorScore && a.FixAvailable == b.FixAvailable && a.UpdatedAt == b.UpdatedAt;

    protected override string What(ScanFinding f) =>
        $"The finding {InputDisplay.Show(f.VulnerabilityId)} of {InputDisplay.Arn(f.ImageBuildVersionArn)} ({f.Region ?? "no region"}, account {f.AccountId ?? "unknown"})";

    protected override string Values(ScanFinding f) =>
        $"severity {InputDisplay.Show(f.Severity)}, score {f.InspectorScore?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, " +
        $"fix {InputDisplay.Show(f.FixAvailable)}, updated {f.UpdatedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}";
}
