namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImagePipelineImages</c> for: the builds of one or more pipelines (the values),
/// one pipeline per request chain. The pipeline is a required top-level member on the wire, but it
/// is validated and paged as the operation's one filter, like the other listings.
/// </summary>
public sealed record PipelineImagesQuery : ListingQuery, ISizedPages
{
    public PipelineImagesQuery() => FilterName = FilterNames.ImagePipelineArn;

    /// <summary><c>maxResults</c>, 1 to 25; null lets the service choose.</summary>
    public int? PageSize { get; init; }

    internal override ListingOperation Operation => ListingOperation.PipelineImages;
}
