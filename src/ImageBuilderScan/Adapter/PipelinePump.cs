using System.Collections.Concurrent;
using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Runs an engine listing on the thread pool and hands its items and log lines to one consumer
/// thread (PowerShell's pipeline thread: <c>WriteObject</c>/<c>WriteVerbose</c> throw from any other).
/// </summary>
/// <remarks>
/// Pull-driven for the first item: it is asked for when the consumer asks, and the second only once
/// the consumer came back for it, so a consumer that stops within the first page
/// (<c>Select-Object -First 10</c>) never causes another page request. With read-ahead, from the
/// second item on the next one is asked for while the consumer writes the current one, so the
/// request and its parsing overlap PowerShell's own per-object work (issue 12); a stop then
/// cancels the one request in flight. While an item is awaited, log lines written by the engine on
/// any thread are handed over as they come.
/// One pump per command: it also carries the command's <see cref="IScanLog"/> (<see cref="CreateLog"/>).
/// </remarks>
internal sealed partial class PipelinePump
{
    // Log lines from any thread; an entry without message wakes the consumer when step number
    // Step completed (a stale wake-up from an abandoned step carries an older number and is skipped).
    private readonly BlockingCollection<(ScanEventKind Kind, string? Message, long Step)> _queue = new();
    private long _step;

    /// <summary>How many items it has asked the source for so far (started synchronously, before any yield).</summary>
    internal long StepsStarted => Interlocked.Read(ref _step);

    public void Verbose(string message) => _queue.Add((ScanEventKind.Verbose, message, 0));
    public void Debug(string message) => _queue.Add((ScanEventKind.Debug, message, 0));
    public void Warning(string message) => _queue.Add((ScanEventKind.Warning, message, 0));
    public void Progress(string message) => _queue.Add((ScanEventKind.Progress, message, 0));

    /// <summary>The engine's log for this command: its lines reach the consumer thread through this pump.</summary>
    /// <remarks>A wrapper, not an interface of this class: see <see cref="ScanLog"/> for why.</remarks>
    public IScanLog CreateLog() => new ScanLog((level, message) => _queue.Add((level switch
    {
        ScanLogLevel.Warning => ScanEventKind.Warning,
        ScanLogLevel.Debug => ScanEventKind.Debug,
        _ => ScanEventKind.Verbose,
    }, message, 0)));

    /// <summary>Log lines queued so far (e.g. while the client was created), without waiting; work handed over meanwhile runs. Pipeline thread only.</summary>
    public IEnumerable<ScanEvent<object>> DrainLogs()
    {
        while (_queue.TryTake(out var entry))
        {
            if (entry.Message is not null) yield return ScanEvent<object>.Log(entry.Kind, entry.Message);
            else if (entry.Kind == ScanEventKind.Call) RunCalls();
        }
    }

    /// <summary>
    /// Enumerates <paramref name="source"/> one step at a time on the thread pool. Yields items and
    /// log lines in the order they happened; a failure ends the sequence with one
    /// <see cref="ScanEventKind.Failed"/> event. Cancellation of <paramref name="cancellationToken"/>
    /// surfaces as an <see cref="OperationCanceledException"/> thrown to the consumer. With
    /// <paramref name="readAhead"/>, item k+1 (k &gt;= 2) is asked for before item k is yielded.
    /// </summary>
    public IEnumerable<ScanEvent<T>> Run<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken, bool readAhead = false)
    {
        // Our own token too: a consumer that stops (an exception out of its loop, not a cancel)
        // must not leave a read-ahead request running until it ends by itself.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var enumerator = source.GetAsyncEnumerator(abandon.Token);
        Task<bool>? step = null;
        long number = 0;
        var taken = 0;
        Consuming(true);
        try
        {
            (step, number) = Start(enumerator);
            while (true)
            {
                while (true)
                {
                    // Take throws OperationCanceledException on stop: the consumer returns at once even
                    // if the step ignores the token.
                    var entry = _queue.Take(cancellationToken);
                    if (entry.Message is not null) yield return ScanEvent<T>.Log(entry.Kind, entry.Message);
                    else if (entry.Kind == ScanEventKind.Call) RunCalls();
                    else if (entry.Step == number) break;
                }

                var outcome = Outcome(step);
                if (outcome.Error is OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }

                if (outcome.Error is not null)
                {
                    foreach (var log in DrainLogs()) yield return ScanEvent<T>.Log(log.Kind, log.Message!);
                    yield return new ScanEvent<T>(ScanEventKind.Failed, default, outcome.Error.Message, outcome.Error);
                    yield break;
                }

                if (!outcome.HasItem) break;
                // Current belongs to the step that just ended: read it before the next one starts.
                var item = enumerator.Current;
                taken++;
                var ahead = readAhead && taken >= 2;
                if (ahead) (step, number) = Start(enumerator);
                yield return new ScanEvent<T>(ScanEventKind.Item, item, null, null);
                if (!ahead) (step, number) = Start(enumerator);
            }

            foreach (var log in DrainLogs()) yield return ScanEvent<T>.Log(log.Kind, log.Message!);
        }
        finally
        {
            Consuming(false);
            if (step is { IsCompleted: false }) abandon.Cancel();
            DisposeQuietly(enumerator, step);
        }
    }

    /// <summary>Asks for the next item on the thread pool; its completion wakes the consumer with its step number.</summary>
    private (Task<bool> Step, long Number) Start<T>(IAsyncEnumerator<T> enumerator)
    {
        var number = Interlocked.Increment(ref _step);
        var step = Task.Run(() => enumerator.MoveNextAsync().AsTask(), CancellationToken.None);
        step.ContinueWith(_ => _queue.Add((ScanEventKind.Item, null, number)), TaskScheduler.Default);
        return (step, number);
    }

    private static (bool HasItem, Exception? Error) Outcome(Task<bool> step)
    {
        try
        {
            return (step.GetAwaiter().GetResult(), null);
        }
        catch (Exception error)
        {
            return (false, error);
        }
    }

    private static void DisposeQuietly<T>(IAsyncEnumerator<T> enumerator, Task<bool>? step)
    {
        // Runs the iterator's finally blocks (releasing the HTTP response). An async iterator must
        // not be disposed while a MoveNextAsync is in flight: give a cancelled step time to end;
        // if it never does, leave it to the garbage collector rather than hang the pipeline.
        try
        {
            if (step is { IsCompleted: false } && !step.Wait(TimeSpan.FromSeconds(5))) return;
        }
        catch (Exception)
        {
            // The step's own failure was already reported or is moot after a stop.
        }

        try
        {
            var dispose = Task.Run(() => enumerator.DisposeAsync().AsTask());
            dispose.Wait(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // Disposal failures after the listing ended change nothing the user can act on.
        }
    }
}
