using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Engine.Concurrency;

/// <summary>
/// Work over inputs that may still be arriving (piped one by one, or all known), at most a limit at once, its results
/// taken in input order. The one home of the window rule: the first input runs alone, and the window opens to the limit
/// as soon as a result that gives the consumer something has been accepted (the consumer came back for more after it).
/// So a consumer that takes only the first item (<c>Select-Object -First 1</c>) causes no work beyond what that item
/// needs, and once it took one, every input the limit allows runs at once. When the consumer stops, the work in flight
/// is cancelled and awaited on dispose (never left running), and what it would have given is dropped.
/// </summary>
/// <remarks>One consumer: <see cref="Add"/> and <see cref="TakeAsync"/> are never called at the same time (the work runs
/// on the thread pool and touches none of this).</remarks>
public sealed class OrderedWindow<TIn, TOut> : IAsyncDisposable
{
    private readonly int _limit;
    private readonly Func<TIn, CancellationToken, Task<TOut>> _work;
    private readonly Func<TOut, bool>? _gives;
    private readonly CancellationTokenSource _abandon;
    private readonly Queue<TIn> _waiting = new();
    private readonly Queue<Task<TOut>> _inFlight = new();
    private bool _open;
    // The result last taken, until the consumer comes back for more (then it counts as accepted).
    private Taken? _taken;

    /// <param name="limit">At most this many inputs in flight (1: one after another, as a loop would).</param>
    /// <param name="work">One input's work; a failure of one input is its result, not an exception (one that
    /// escapes ends <see cref="TakeAsync"/> there, after the results before it).</param>
    /// <param name="gives">Whether a result gives the consumer anything (an item it writes); null: every result does.
    /// Until one that does was accepted, inputs run one after another.</param>
    public OrderedWindow(int limit, Func<TIn, CancellationToken, Task<TOut>> work, Func<TOut, bool>? gives = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        (_limit, _work, _gives) = (limit, work, gives);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Inputs started and not yet taken.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Queues an input; it starts at once when the window has room.</summary>
    public void Add(TIn input)
    {
        _waiting.Enqueue(input);
        Fill();
    }

    /// <summary>
    /// Results in input order. With <paramref name="all"/> (the input ended), every one, each awaited. Without, those that
    /// must be taken before more input may start (the one in flight while the window is still closed, the oldest while
    /// inputs wait for room) and then those already done; it returns without waiting once the window is open with room.
    /// </summary>
    public async IAsyncEnumerable<TOut> TakeAsync(bool all, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await NextAsync(all, cancellationToken).ConfigureAwait(false) is (true, var result)) yield return result;
    }

    /// <summary>
    /// The next result <see cref="TakeAsync"/> would give, or none (<c>Taken</c> false) when none is due. Calling it again
    /// is the consumer coming back for more: the result taken before counts as accepted then, so a consumer that acts on a
    /// result between two calls (lists what it names) opens the window only after that, and <c>gives</c> is asked then.
    /// </summary>
    public async Task<(bool Taken, TOut Result)> NextAsync(bool all, CancellationToken cancellationToken = default)
    {
        if (_taken is { } accepted)
        {
            _taken = null;
            _open |= _gives?.Invoke(accepted.Result) ?? true;
            Fill();
        }

        if (!_inFlight.TryPeek(out var oldest) || (!all && _open && _waiting.Count == 0 && !oldest.IsCompleted)) return (false, default!);
        var result = await oldest.WaitAsync(cancellationToken).ConfigureAwait(false);
        _ = _inFlight.Dequeue();
        _taken = new Taken(result);
        return (true, result);
    }

    private void Fill()
    {
        var window = _open ? _limit : 1;
        while (_waiting.Count > 0 && _inFlight.Count < window)
        {
            var input = _waiting.Dequeue();
            _inFlight.Enqueue(Task.Run(() => _work(input, _abandon.Token), _abandon.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _waiting.Clear();
        if (_inFlight.Count > 0)
        {
            await _abandon.CancelAsync().ConfigureAwait(false);
            foreach (var task in _inFlight)
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

            _inFlight.Clear();
        }

        _abandon.Dispose();
    }

    private sealed record Taken(TOut Result);
}
