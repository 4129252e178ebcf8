namespace ImageBuilderScan.Engine.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindingAggregations</c> for. No filter means aggregation by account.
/// More than 10 values become several requests whose results stream in the order of the values.
/// </summary>
public sealed record AggregationQuery
{
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
}
