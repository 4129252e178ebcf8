using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Engine.Fleet;

public enum FleetEventKind
{
    /// <summary>A page of one target, in that target's page order.</summary>
    Page,
    /// <summary>A target failed; <see cref="FleetEvent{T}.Error"/> says why (with its resume point when it has one). Its last event.</summary>
    Failed,
    /// <summary>A target listed everything. Its last event.</summary>
    Completed,
}

/// <summary>What a fan-out listing reports: pages as they arrive from any target, and how each target ended.</summary>
public sealed record FleetEvent<T>(FleetEventKind Kind, FleetTarget Target, ScanPage<T>? Page, Exception? Error, TargetSummary? Summary)
{
    // Completed when the consumer comes back for the next event: the page's target may then ask for its next page.
    internal TaskCompletionSource? Consumed { get; init; }
}

/// <summary>One target's account of itself, for the closing verbose lines.</summary>
public sealed record TargetSummary(FleetTarget Target, long Items, int Pages, int Retries, TimeSpan Elapsed, string Outcome)
{
    public override string ToString() =>
        $"{Target.Label}: {Items} item(s), {Pages} page(s), {Retries} retr{(Retries == 1 ? "y" : "ies")}, {Elapsed.TotalSeconds:0.00} s, {Outcome}.";
}
