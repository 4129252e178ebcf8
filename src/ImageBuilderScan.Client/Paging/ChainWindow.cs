namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// How a consumer of items tells a listing that its first item was accepted, so the listing's chains ahead start then
/// (see <see cref="ScanPager.PagesAsync{T}"/>), not only once the whole first page was taken.
/// </summary>
internal sealed class ChainWindow
{
    private Action? _open;

    /// <summary>What opening does (set by the listing when it starts).</summary>
    public void Attach(Action open) => _open = open;

    /// <summary>Opens the window, the first time only; called between two pages of the listing.</summary>
    public void Open()
    {
        var open = _open;
        _open = null;
        open?.Invoke();
    }
}
