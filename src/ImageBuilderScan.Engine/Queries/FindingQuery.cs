namespace ImageBuilderScan.Engine.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindings</c> for. The API takes at most one filter with exactly one
/// value, so several values become successive calls, streamed in the order of the values.
/// </summary>
public sealed record FindingQuery
{
    /// <summary>Wire filter name (see <see cref="FilterNames"/>), or null for every finding.</summary>
    public string? FilterName { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary><c>maxResults</c>, 1 to 25; null lets the service choose.</summary>
    public int? PageSize { get; init; }

    /// <summary>Resume from this token (only with at most one value).</summary>
    public string? NextToken { get; init; }

    /// <summary>The user-facing parameter that supplied the values, for error messages.</summary>
    public string? ValuesParameterName { get; init; }
}
