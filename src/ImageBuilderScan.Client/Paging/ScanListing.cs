namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// One listing of one operation, already validated and routed (bad input was refused when the listing was asked
/// for, before any request): enumerate it for its items, each yielded as its page arrives, or walk
/// <see cref="Pages"/> for the checked pages themselves (the shape of Azure SDK's <c>AsyncPageable</c>). Nothing is
/// sent until it is enumerated; each enumeration lists afresh.
/// </summary>
public sealed class ScanListing<T> : IAsyncEnumerable<T>
{
    private readonly Func<ChainWindow?, CancellationToken, IAsyncEnumerable<ScanPage<T>>> _pages;
    private readonly CancellationToken _cancellationToken;

    internal ScanListing(Func<ChainWindow?, CancellationToken, IAsyncEnumerable<ScanPage<T>>> pages, CancellationToken cancellationToken)
        => (_pages, _cancellationToken) = (pages, cancellationToken);

    /// <summary>Every page (only the first with <see cref="Queries.ListingQuery.FirstPageOnly"/>), each checked before it is yielded.</summary>
    public IAsyncEnumerable<ScanPage<T>> Pages => _pages(null, _cancellationToken);

    /// <summary>
    /// The items, the chains ahead opened once the consumer came back after the first item (see <see cref="ChainWindow"/>),
    /// so a consumer that stops at its first item sends nothing beyond what that item needed.
    /// </summary>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        // Both tokens count: the pager's iterators link the one given here with the listing's ([EnumeratorCancellation]).
        var window = new ChainWindow();
        return ScanPager.ItemsAsync(_pages(window, _cancellationToken), _cancellationToken, window).GetAsyncEnumerator(cancellationToken);
    }
}
