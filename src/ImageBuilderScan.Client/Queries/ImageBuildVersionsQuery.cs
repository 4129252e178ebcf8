namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageBuildVersions</c> for: the builds of one or more image versions (the values, ARNs with no
/// build number), one version per request chain, validated and paged as the operation's one filter.
/// </summary>
public sealed record ImageBuildVersionsQuery : SizedListingQuery
{
    public ImageBuildVersionsQuery() => FilterName = FilterNames.ImageVersionArn;

    internal override ListingOperation Operation => Listing;

    /// <summary>
    /// <c>POST /ListImageBuildVersions</c>: <c>imageVersionArn</c> (required, one per request), <c>maxResults</c>,
    /// <c>nextToken</c>; answered like <c>ListImagePipelineImages</c>, with image summaries.
    /// </summary>
    internal static readonly ListingOperation<ImageSummary> Listing = ImageReader.BuildsListing("ListImageBuildVersions", FilterNames.ImageVersionArn);
}
