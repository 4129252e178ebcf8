namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to list: one optional filter with its values, where to resume, and whether to stop after
/// the first page. The operation it is for is the concrete query type
/// (<see cref="AggregationQuery"/>, <see cref="FindingQuery"/>).
/// </summary>
public abstract record ListingQuery
{
    private protected ListingQuery()
    {
    }

    /// <summary>Wire filter name (see <see cref="FilterNames"/>), or null for no filter.</summary>
    public string? FilterName { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Resume from this token (only when the values fit in one request).</summary>
    public string? NextToken { get; init; }

    /// <summary>
    /// The user-facing parameter that supplied the values, named in validation errors
    /// (e.g. <c>ImagePipelineArn</c> or <c>FilterValue</c>). Derived from the filter name when null.
    /// </summary>
    public string? ValuesParameterName { get; init; }

    /// <summary>
    /// Only the first page of the one request the values fit in. Values that need more than one
    /// request are refused before anything is sent: one page could only show the first request's
    /// results, and the rest would be dropped without a word.
    /// </summary>
    public bool FirstPageOnly { get; init; }

    internal abstract ListingOperation Operation { get; }
}
