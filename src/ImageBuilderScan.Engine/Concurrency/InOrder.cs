using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Engine.Concurrency;

/// <summary>
/// Work over a list of inputs, at most a given number at once, its results yielded in input order, by the window rule of
/// <see cref="OrderedWindow{TIn, TOut}"/>: the first input runs alone (a consumer that takes only the first result sends
/// no request beyond what that one needs); once the consumer accepted a result, up to the limit run at once. When the
/// consumer stops or the token is cancelled, the work in flight is cancelled and awaited, and what it would have given is dropped.
/// </summary>
public static class InOrder
{
    /// <param name="limit">At most this many inputs in flight (1: one after another, as a loop would).</param>
    /// <param name="work">One input's work; a failure of one input is its result, not an exception (one that
    /// escapes ends the sequence there, after the results before it).</param>
    public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(IReadOnlyList<TIn> inputs, int limit,
        Func<TIn, CancellationToken, Task<TOut>> work, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var window = new OrderedWindow<TIn, TOut>(limit, work, cancellationToken: cancellationToken);
        await using (window.ConfigureAwait(false))
        {
            foreach (var input in inputs) window.Add(input);
            await foreach (var result in window.TakeAsync(all: true, cancellationToken).ConfigureAwait(false)) yield return result;
        }
    }
}
