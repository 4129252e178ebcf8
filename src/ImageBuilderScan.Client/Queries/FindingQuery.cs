namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageScanFindings</c> for. The API takes at most one filter with exactly one
/// value, so several values become successive calls, streamed in the order of the values.
/// </summary>
public sealed record FindingQuery : SizedListingQuery
{
    internal override ListingOperation Operation => Listing;

    /// <summary>
    /// <c>POST /ListImageScanFindings</c>: <c>filters [ {name, values[1]} ]</c> (at most one filter with exactly one value),
    /// <c>maxResults</c>, <c>nextToken</c>; answered with <c>requestId</c>, <c>nextToken</c> and <c>findings[]</c>.
    /// </summary>
    internal static readonly ListingOperation<ScanFinding> Listing = new("ListImageScanFindings",
        [FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId, FilterNames.Severity],
        QueryValidator.MaxValuesPerFindingRequest, requiresValue: false,
        new("findings", expectedItems: 25, ListingOperation.MaxSizedPage, FindingReader.Read),
        ListingOperation.WriteFilters, static (unknown, page) => unknown.Findings(page));
}
