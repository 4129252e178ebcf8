namespace ImageBuilderScan.Adapter;

/// <summary>What the pipeline thread has to do next: write an item, a log line, or report the end.</summary>
internal enum ScanEventKind
{
    Item,
    Verbose,
    Debug,
    Warning,
    /// <summary>A wait's progress line (Write-Progress), see <see cref="WaitProgress"/>.</summary>
    Progress,
    /// <summary>Work a worker thread handed to the pipeline thread (<see cref="PipelinePump.OnPipelineThread"/>); never yielded.</summary>
    Call,
    /// <summary>The listing failed; <see cref="ScanEvent{T}.Error"/> holds why. Always the last event.</summary>
    Failed,
}

/// <summary>One thing for the pipeline thread to do, produced by <see cref="PipelinePump"/>.</summary>
internal readonly record struct ScanEvent<T>(ScanEventKind Kind, T? Item, string? Message, Exception? Error)
{
    internal static ScanEvent<T> Log(ScanEventKind kind, string message) => new(kind, default, message, null);
}
