namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImagePipelineImages</c> for: the builds of one or more pipelines (the values),
/// one pipeline per request chain. The pipeline is a required top-level member on the wire, but it
/// is validated and paged as the operation's one filter, like the other listings.
/// </summary>
public sealed record PipelineImagesQuery : SizedListingQuery
{
    public PipelineImagesQuery() => FilterName = FilterNames.ImagePipelineArn;

    internal override ListingOperation Operation => Listing;

    /// <summary>
    /// <c>POST /ListImagePipelineImages</c>: <c>imagePipelineArn</c> (required, one per request), <c>maxResults</c>,
    /// <c>nextToken</c>; answered with <c>requestId</c>, <c>nextToken</c> and <c>imageSummaryList[]</c>.
    /// </summary>
    internal static readonly ListingOperation<ImageSummary> Listing = ImageReader.BuildsListing("ListImagePipelineImages", FilterNames.ImagePipelineArn);
}
