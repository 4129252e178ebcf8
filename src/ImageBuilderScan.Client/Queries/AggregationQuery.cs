namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindingAggregations</c> for. No filter means aggregation by account.
/// More than 10 values become several requests whose results stream in the order of the values.
/// </summary>
public sealed record AggregationQuery : ListingQuery
{
    internal override ListingOperation Operation => Listing;

    /// <summary>
    /// <c>POST /ListImageScanFindingAggregations</c>: <c>filter {name, values[1..10]}</c> (none: by account) and
    /// <c>nextToken</c>; answered with <c>requestId</c>, <c>aggregationType</c>, <c>nextToken</c> and <c>responses[]</c>.
    /// A page's counts must be plausible (<see cref="PagePlausibility"/>) before any of them is shown.
    /// </summary>
    internal static readonly ListingOperation<ScanFindingAggregation> Listing = new("ListImageScanFindingAggregations",
        [FilterNames.AccountId, FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId],
        QueryValidator.MaxValuesPerAggregationRequest, requiresValue: false,
        new("responses", expectedItems: 64, ListingOperation.MaxAggregationsPerPage, AggregationReader.Read, hasAggregationType: true),
        ListingOperation.WriteFilter, static (unknown, page) => unknown.Aggregations(page), PagePlausibility.Check);
}
