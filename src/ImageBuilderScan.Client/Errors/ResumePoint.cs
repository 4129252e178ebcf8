namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// Where a failed listing can pick up again: the request that failed (its filter and token).
/// Asking again with the same filter values and <see cref="NextToken"/> returns exactly what had
/// not yet been emitted for those values; <see cref="RemainingValues"/> still have to be asked after.
/// </summary>
/// <param name="FilterName">The filter name of the failed request, or null.</param>
/// <param name="FilterValues">The filter values of the failed request.</param>
/// <param name="NextToken">The token the failed request carried; null when it was a first page.</param>
/// <param name="RemainingValues">Values of the query not yet asked at all.</param>
public sealed record ResumePoint(
    string? FilterName,
    IReadOnlyList<string> FilterValues,
    string? NextToken,
    IReadOnlyList<string> RemainingValues);
