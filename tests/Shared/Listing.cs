namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// The one collector the test suites read listings with. Bounded: a listing that does not end within
/// <see cref="Bound"/> fails with a <see cref="TimeoutException"/> instead of hanging the run (and is never
/// mistaken for the test's own cancellation). Linked into each test project that reads engine listings.
/// </summary>
public static class Listing
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    /// <summary>Reads <paramref name="source"/> to its end into <paramref name="into"/> (or a new list), and returns the list.</summary>
    public static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source, List<T>? into = null, CancellationToken ct = default)
    {
        into ??= [];
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(Bound);
        try
        {
            await foreach (var item in source.WithCancellation(bound.Token)) into.Add(item);
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"the listing did not end within {Bound.TotalSeconds} s ({into.Count} items read).");
        }
        return into;
    }

    /// <summary>The first element of <paramref name="source"/> (a page, say), leaving the rest unread; fails when there is none.</summary>
    public static async Task<T> FirstAsync<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source) return item;
        throw new InvalidOperationException("the listing was empty.");
    }
}
