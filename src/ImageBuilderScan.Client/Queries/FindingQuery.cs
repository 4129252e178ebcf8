namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindings</c> for. The API takes at most one filter with exactly one
/// value, so several values become successive calls, streamed in the order of the values.
/// </summary>
public sealed record FindingQuery : ListingQuery, ISizedPages
{
    /// <summary><c>maxResults</c>, 1 to 25; null lets the service choose.</summary>
    public int? PageSize { get; init; }

    internal override ListingOperation Operation => ListingOperation.Findings;
}
