namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindingAggregations</c> for. No filter means aggregation by account.
/// More than 10 values become several requests whose results stream in the order of the values.
/// </summary>
public sealed record AggregationQuery : ListingQuery
{
    internal override ListingOperation Operation => ListingOperation.Aggregations;
}
