namespace ImageBuilderScan.Engine.Hosting;

/// <summary>For -NoAutoPage: the first page of a page listing and nothing after it.</summary>
public static class SinglePage
{
    /// <summary>Yields the first element, then ends without asking the source for another (no second request).</summary>
    public static async IAsyncEnumerable<T> Of<T>(IAsyncEnumerable<T> pages)
    {
        await foreach (var page in pages.ConfigureAwait(false))
        {
            yield return page;
            yield break;
        }
    }
}
