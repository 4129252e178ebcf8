using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Engine.Concurrency;

/// <summary>
/// Work over a list of inputs, at most a given number at once, its results yielded in input order.
/// The first input runs alone: a consumer that takes only the first result (<c>Select-Object -First 1</c>)
/// causes no request beyond what that one needs. From the second on, up to the limit run ahead of the one
/// awaited. When the consumer stops or the token is cancelled, the work in flight is cancelled and awaited
/// (never left running), and what it would have given is dropped.
/// </summary>
public static class InOrder
{
    /// <param name="limit">At most this many inputs in flight (1: one after another, as a loop would).</param>
    /// <param name="work">One input's work; a failure of one input is its result, not an exception (one that
    /// escapes ends the sequence there, after the results before it).</param>
    public static async IAsyncEnumerable<TOut> SelectAsync<TIn, TOut>(IReadOnlyList<TIn> inputs, int limit,
        Func<TIn, CancellationToken, Task<TOut>> work, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<Task<TOut>>();
        var next = 0;
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var window = i == 0 ? 1 : limit;
                while (next < inputs.Count && next - i < window)
                {
                    var input = inputs[next++];
                    inFlight.Enqueue(Task.Run(() => work(input, abandon.Token), abandon.Token));
                }

                yield return await inFlight.Dequeue().ConfigureAwait(false);
            }
        }
        finally
        {
            if (inFlight.Count > 0)
            {
                await abandon.CancelAsync().ConfigureAwait(false);
                foreach (var task in inFlight)
                {
                    try
                    {
                        await task.ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // Cancelled, or failed after the consumer stopped: nobody is left to tell.
                    }
                }
            }
        }
    }
}
