using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// Follows each chain of a <see cref="PagingPlan"/> from page to page, yielding each page as it
/// arrives. Before a page is yielded, its next token is checked against the chain (a repeat ends the
/// listing) and its items against <c>check</c>; any failure carries a <see cref="ResumePoint"/> for
/// the request that failed. Nothing already yielded is taken back. A page that passed is handed to
/// <c>accept</c> (where its items are told where they came from) before it is yielded.
/// </summary>
/// <remarks>
/// Bounds, each a <see cref="ScanProtocolException"/> with a resume point: a next token longer than the model's
/// <see cref="QueryValidator.MaxTokenLength"/> (<c>NextTokenTooLong</c>, resumed from the request that returned it), and more
/// than <see cref="MaxConsecutiveEmptyPages"/> empty pages in a row that each carry a token (<c>EndlessEmptyPages</c>,
/// resumed from the last token, since nothing was lost). Items per page are bounded where a page is read.
/// </remarks>
internal static class ScanPager
{
    /// <summary>
    /// How many empty pages in a row that each promise more a chain may have before it is ended. A real service
    /// may send an empty page now and then (a filter that matches late); fifty in a row is a loop with fresh tokens.
    /// </summary>
    public const int MaxConsecutiveEmptyPages = 50;

    /// <summary>Sends one request: a chunk's values and the token to continue from.</summary>
    public delegate Task<ScanPage<T>> Fetch<T>(IReadOnlyList<string> values, string? token, CancellationToken cancellationToken);

    /// <param name="concurrency">How many chains (chunks of values) run at once. Pages are yielded in chain order
    /// whatever the concurrency. The window rule: chains are asked for one after another until the consumer has accepted
    /// a first result (it came back for more after a page with items, or after the first item, see <paramref name="window"/>),
    /// so a consumer that stops at its first item causes no request beyond what that item needs; then the chains after
    /// the one being yielded start at once, up to <paramref name="concurrency"/> in all, those ahead each reading at most
    /// <see cref="PagesAhead"/> pages into a buffer. A failure of a chain ahead is thrown when its turn comes, after every
    /// page before it, with the same resume point as one after another; a stop cancels the chains ahead, whose buffered
    /// pages were never yielded.</param>
    /// <param name="window">Lets a consumer of items (<see cref="ItemsAsync"/>) open the window after its first item.</param>
    public static async IAsyncEnumerable<ScanPage<T>> PagesAsync<T>(
        string operation, PagingPlan plan, Fetch<T> fetch, Func<ScanPage<T>, ScanProtocolException?>? check,
        IScanLog? log, [EnumeratorCancellation] CancellationToken cancellationToken,
        Func<ScanPage<T>, CancellationToken, ValueTask<ScanPage<T>>>? accept = null, int concurrency = 1, ChainWindow? window = null)
    {
        var numbers = new PageNumbers();
        var handed = 0;
        if (concurrency <= 1 || plan.Chunks.Count <= 1 || plan.FirstPageOnly)
        {
            for (var c = 0; c < plan.Chunks.Count; c++)
            {
                await foreach (var page in ChainAsync(operation, plan, c, fetch, check, log, accept, numbers, cancellationToken).ConfigureAwait(false))
                {
                    Handed(operation, page, ++handed, log);
                    yield return page;
                    if (plan.FirstPageOnly) yield break;
                }
            }

            yield break;
        }

        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffers = new Channel<ScanPage<T>>?[plan.Chunks.Count];
        var producers = new List<Task>();
        // The next chain to start ahead, the chain being yielded, and whether a first result was accepted.
        var (started, current, open) = (1, 0, false);

        // Starts the chains after the one being yielded, up to concurrency in all (called only between two pages, by
        // the one consumer: from here, or from ItemsAsync through the window).
        void StartAhead()
        {
            for (; started < plan.Chunks.Count && started <= current + concurrency - 1; started++)
            {
                var chain = started;
                var channel = Channel.CreateBounded<ScanPage<T>>(new BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true });
                buffers[chain] = channel;
                producers.Add(Task.Run(() => FillAsync(channel.Writer,
                    ChainAsync(operation, plan, chain, fetch, check, log, accept, numbers, ahead.Token), ahead.Token), CancellationToken.None));
            }
        }

        window?.Attach(() =>
        {
            open = true;
            StartAhead();
        });
        try
        {
            for (var c = 0; c < plan.Chunks.Count; c++)
            {
                current = c;
                IAsyncEnumerable<ScanPage<T>> pages;
                if (buffers[c] is { } buffer)
                {
                    pages = buffer.Reader.ReadAllAsync(cancellationToken);
                }
                else
                {
                    // Not started ahead (no result accepted yet): asked for now, in turn.
                    started = Math.Max(started, c + 1);
                    pages = ChainAsync(operation, plan, c, fetch, check, log, accept, numbers, cancellationToken);
                }

                await foreach (var page in pages.ConfigureAwait(false))
                {
                    Handed(operation, page, ++handed, log);
                    yield return page;
                    // The consumer came back for more: a page with items was accepted (an empty one gave it nothing).
                    open |= page.Items.Count > 0;
                    if (open) StartAhead();
                }
            }
        }
        finally
        {
            if (producers.Count > 0)
            {
                await ahead.CancelAsync().ConfigureAwait(false);
                try
                {
                    await Task.WhenAll(producers).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Chains ahead that were cancelled, or failed past the point the consumer stopped at.
                }
            }
        }
    }

    // The verbose line of a page is said when it is handed over, so its number is its place in the listing.
    private static void Handed<T>(string operation, ScanPage<T> page, int number, IScanLog? log) =>
        log?.Verbose($"{operation} page {number}: request id {InputDisplay.RequestId(page.RequestId)}, " +
            $"{page.Items.Count} item(s), {(page.NextToken is null ? "no more pages" : "more pages follow")}.");

    /// <summary>Pages a chain ahead may read before its turn.</summary>
    public const int PagesAhead = 2;

    private static async Task FillAsync<T>(ChannelWriter<ScanPage<T>> writer, IAsyncEnumerable<ScanPage<T>> chain, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in chain.ConfigureAwait(false)) await writer.WriteAsync(page, cancellationToken).ConfigureAwait(false);
            writer.Complete();
        }
        catch (Exception e)
        {
            // The failure (with its resume point) reaches the consumer when the chain's turn comes.
            writer.Complete(e);
        }
    }

    /// <summary>Page numbers across the chains of one listing, for the log.</summary>
    private sealed class PageNumbers
    {
        private int _requests, _pages;
        public int NextRequest() => Interlocked.Increment(ref _requests);
        public int NextPage() => Interlocked.Increment(ref _pages);
    }

    /// <summary>One chain: chunk <paramref name="c"/>'s pages from its first token to its last, each checked.</summary>
    private static async IAsyncEnumerable<ScanPage<T>> ChainAsync<T>(string operation, PagingPlan plan, int c, Fetch<T> fetch,
        Func<ScanPage<T>, ScanProtocolException?>? check, IScanLog? log, Func<ScanPage<T>, CancellationToken, ValueTask<ScanPage<T>>>? accept,
        PageNumbers numbers, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = c == 0 ? plan.FirstToken : null;
        var chunk = plan.Chunks[c];
        var chain = new TokenChain(token);
        var emptyInARow = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ScanPage<T> page;
            log?.Debug($"{operation} request {numbers.NextRequest()}: {Describe(plan.FilterName, chunk)}, token {TokenDisplay.Show(token, 40)}.");
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                if (ScanTrace.Enabled) ScanTrace.Mark($"{operation} chain {c + 1}: sending");
                page = await fetch(chunk, token, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageBuilderScanException e) when (e.Resume is null)
            {
                e.Resume = plan.ResumeAt(c, token);
                throw;
            }

            // "When this field isn't empty, there are additional elements": an empty token ends the chain.
            if (page.NextToken is { Length: 0 }) page = page with { NextToken = null };
            var next = page.NextToken;
            if (next is { Length: > QueryValidator.MaxTokenLength })
                throw new ScanProtocolException("NextTokenTooLong",
                    $"{operation} returned a next token of {next.Length} characters (request id {InputDisplay.RequestId(page.RequestId)}); " +
                    $"a token has at most {QueryValidator.MaxTokenLength}, so it is not sent back. Nothing from this page was emitted.", page.RequestId)
                { Resume = plan.ResumeAt(c, token) };
            emptyInARow = page.Items.Count == 0 && next is not null ? emptyInARow + 1 : 0;
            if (emptyInARow > MaxConsecutiveEmptyPages)
                throw new ScanProtocolException("EndlessEmptyPages",
                    $"{operation} returned {emptyInARow} empty pages in a row, each with a new next token (last request id " +
                    $"{InputDisplay.RequestId(page.RequestId)}); the listing was ended after {MaxConsecutiveEmptyPages}. Everything listed so far was emitted.",
                    page.RequestId) { Resume = plan.ResumeAt(c, next) };
            var problem = check?.Invoke(page)
                ?? (next is not null && !chain.TryAdvance(token, next) ? Repeated(operation, page, token, next) : null);
            if (problem is not null)
            {
                problem.Resume = plan.ResumeAt(c, token);
                throw problem;
            }

            var pageNumber = numbers.NextPage();
            log?.Debug($"{operation} page {pageNumber}: request id {InputDisplay.RequestId(page.RequestId)}, {page.Items.Count} item(s) in " +
                $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms, next token {TokenDisplay.Show(next, 40)}.");
            if (accept is not null) page = await accept(page, cancellationToken).ConfigureAwait(false);
            if (ScanTrace.Enabled) ScanTrace.Mark($"{operation} page {pageNumber}: {page.Items.Count} item(s) checked, handing over");
            yield return page;
            if (plan.FirstPageOnly || next is null) yield break;
            token = next;
        }
    }

    /// <summary>Each item of each page, as its page arrives.</summary>
    /// <param name="window">The window of <paramref name="pages"/>: opened once the consumer came back after the first item.</param>
    public static async IAsyncEnumerable<T> ItemsAsync<T>(IAsyncEnumerable<ScanPage<T>> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken, ChainWindow? window = null)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var items = page.Items;
            for (var i = 0; i < items.Count; i++)
            {
                yield return items[i];
                window?.Open();
            }
        }
    }

    private static string Describe(string? filterName, IReadOnlyList<string> values) => filterName is null
        ? "no filter"
        : $"filter {filterName} = {string.Join(", ", values.Take(3).Select(InputDisplay.Show))}{(values.Count > 3 ? $" and {values.Count - 3} more" : "")}";

    private static ScanProtocolException Repeated<T>(string operation, ScanPage<T> page, string? requestToken, string next) =>
        new("RepeatedNextToken",
            $"{operation} returned a next token already seen in this listing" +
            (next == requestToken ? " (the very token this page was requested with)" : "") +
            $" (request id {InputDisplay.RequestId(page.RequestId)}); following it would loop. Nothing from this page was emitted.",
            page.RequestId);
}
