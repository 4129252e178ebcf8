namespace ImageBuilderScan.Adapter;

/// <summary>
/// The pump's other direction: work a worker thread needs done on the pipeline thread (the host's UI may be used
/// from no other thread: an MFA prompt asked for while a fan-out makes its clients, or a role renewed mid-listing).
/// It runs while the pipeline thread consumes a <see cref="Run"/>, between the items and log lines it writes.
/// </summary>
internal sealed partial class PipelinePump
{
    // Work handed to the pipeline thread while it consumes (Run), e.g. a host prompt asked for on a worker thread.
    private readonly object _callGate = new();
    private readonly Queue<(Action Run, Action<Exception> Abandon)> _calls = new();
    private int _pipelineThread = -1;
    private bool _consuming;

    /// <summary>Names the calling thread as the pipeline thread (the one that consumes: BeginProcessing's).</summary>
    public void BindToCurrentThread() => _pipelineThread = Environment.CurrentManagedThreadId;

    /// <summary>
    /// Runs <paramref name="work"/> on the pipeline thread: at once when called there, else handed over while the
    /// pipeline thread consumes a <see cref="Run"/> and awaited (the host's UI, a prompt, may be used from no other thread).
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread while the pipeline thread consumes nothing.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped, or its consumer ended, before the work ran.</exception>
    public TResult OnPipelineThread<TResult>(Func<TResult> work, CancellationToken cancellationToken)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread) return work();
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_callGate)
        {
            if (!_consuming) throw new InvalidOperationException("The pipeline thread is not consuming: nothing can be handed to it now.");
            _calls.Enqueue((() =>
            {
                try { done.TrySetResult(work()); }
                catch (Exception e) { done.TrySetException(e); }
            }, e => done.TrySetException(e)));
        }
        _queue.Add((ScanEventKind.Call, null, 0));
        return done.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
    }

    private void RunCalls()
    {
        while (true)
        {
            (Action Run, Action<Exception> Abandon) call;
            lock (_callGate)
            {
                if (!_calls.TryDequeue(out call)) return;
            }
            call.Run();
        }
    }

    private void Consuming(bool consuming)
    {
        lock (_callGate)
        {
            _consuming = consuming;
            if (consuming) return;
            while (_calls.TryDequeue(out var call)) call.Abandon(new OperationCanceledException("The command stopped consuming before the pipeline thread could run this."));
        }
    }
}
