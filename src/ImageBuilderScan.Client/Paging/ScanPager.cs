using System.Runtime.CompilerServices;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Diagnostics;
using ImageBuilderScan.Client.Errors;

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
/// <see cref="QueryValidator.MaxTokenLength"/> (<c>NextTokenTooLong</c>, resumed from the request that returned it), and more than
/// <see cref="MaxConsecutiveEmptyPages"/> empty pages in a row that each carry a token (<c>EndlessEmptyPages</c>,
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

    public static async IAsyncEnumerable<ScanPage<T>> PagesAsync<T>(
        string operation, PagingPlan plan, Fetch<T> fetch, Func<ScanPage<T>, ScanProtocolException?>? check,
        IScanLog? log, [EnumeratorCancellation] CancellationToken cancellationToken,
        Func<ScanPage<T>, CancellationToken, Task<ScanPage<T>>>? accept = null)
    {
        var token = plan.FirstToken;
        var pageNumber = 0;
        for (var c = 0; c < plan.Chunks.Count; c++, token = null)
        {
            var chunk = plan.Chunks[c];
            var chain = new TokenChain(token);
            var emptyInARow = 0;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanPage<T> page;
                log?.Debug($"{operation} request {pageNumber + 1}: {Describe(plan.FilterName, chunk)}, token {TokenDisplay.Show(token, 40)}.");
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    if (ScanTrace.Enabled) ScanTrace.Mark($"{operation} page {pageNumber + 1}: sending");
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

                pageNumber++;
                log?.Debug($"{operation} page {pageNumber}: request id {InputDisplay.RequestId(page.RequestId)}, {page.Items.Count} item(s) in " +
                    $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms, next token {TokenDisplay.Show(next, 40)}.");
                if (accept is not null) page = await accept(page, cancellationToken).ConfigureAwait(false);
                if (ScanTrace.Enabled) ScanTrace.Mark($"{operation} page {pageNumber}: {page.Items.Count} item(s) checked, handing over");
                log?.Verbose($"{operation} page {pageNumber}: request id {InputDisplay.RequestId(page.RequestId)}, " +
                    $"{page.Items.Count} item(s), {(next is null ? "no more pages" : "more pages follow")}.");
                yield return page;
                if (plan.FirstPageOnly) yield break;
                if (next is null) break;
                token = next;
            }
        }
    }

    /// <summary>Each item of each page, as its page arrives.</summary>
    public static async IAsyncEnumerable<T> ItemsAsync<T>(IAsyncEnumerable<ScanPage<T>> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var items = page.Items;
            for (var i = 0; i < items.Count; i++) yield return items[i];
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
