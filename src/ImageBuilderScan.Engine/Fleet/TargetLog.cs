using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>One target's log: every line names the target (when there are several), and retries are counted for its summary.</summary>
internal sealed class TargetLog(IScanLog? inner, string? prefix) : IScanLog
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void Verbose(string message)
    {
        // RetryLogHandler's line for each attempt after the first.
        if (message.StartsWith("Retrying ", StringComparison.Ordinal)) Interlocked.Increment(ref _retries);
        inner?.Verbose(Prefixed(message));
    }

    public void Debug(string message) => inner?.Debug(Prefixed(message));

    public void Warning(string message) => inner?.Warning(Prefixed(message));

    private string Prefixed(string message) => prefix is null ? message : $"[{prefix}] {message}";
}
