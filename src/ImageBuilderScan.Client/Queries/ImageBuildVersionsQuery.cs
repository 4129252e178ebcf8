namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// What to ask <c>ListImageBuildVersions</c> for: the builds of one or more image versions (the values, ARNs with no
/// build number), one version per request chain, validated and paged as the operation's one filter.
/// </summary>
public sealed record ImageBuildVersionsQuery : ListingQuery, ISizedPages
{
    public ImageBuildVersionsQuery() => FilterName = FilterNames.ImageVersionArn;

    /// <summary><c>maxResults</c>, 1 to 25; null lets the service choose.</summary>
    public int? PageSize { get; init; }

    internal override ListingOperation Operation => ListingOperation.ImageBuildVersions;
}
