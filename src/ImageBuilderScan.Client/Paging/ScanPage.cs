namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// One page as it came back: its items and what a caller needs for single-page use and resume.
/// </summary>
/// <param name="Items">The page's items, possibly none.</param>
/// <param name="RequestId">The service's request id for this page.</param>
/// <param name="AggregationType">The response's <c>aggregationType</c> (aggregations only).</param>
/// <param name="NextToken">The token for the next page; null on the last page.</param>
/// <param name="RequestToken">The token this page was requested with; null for a first page.</param>
/// <param name="FilterName">The filter name sent, or null.</param>
/// <param name="FilterValues">The filter values sent with this request.</param>
public sealed record ScanPage<T>(
    IReadOnlyList<T> Items,
    string? RequestId,
    string? AggregationType,
    string? NextToken,
    string? RequestToken,
    string? FilterName,
    IReadOnlyList<string> FilterValues);
