namespace ImageBuilderScan.Client.Queries;

/// <summary>A query of a listing that takes <c>maxResults</c> (1 to 25): findings, a pipeline's or a version's builds.</summary>
public abstract record SizedListingQuery : ListingQuery
{
    private protected SizedListingQuery()
    {
    }

    /// <summary><c>maxResults</c>, 1 to 25; null lets the service choose.</summary>
    public int? PageSize { get; init; }
}
