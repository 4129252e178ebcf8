using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>One target's log: every line names the target (when there are several), and retries are counted for its summary.</summary>
internal sealed class TargetLog(IScanLog? inner, string? prefix) : IScanLog
{
    private int _retries;

    public int Retries => Volatile.Read(ref _retries);

    public void Verbose(string message) => inner?.Verbose(Prefixed(message));

    /// <summary>RetryLogHandler's line for each attempt after the first: counted, then written as verbose.</summary>
    public void Retrying(string message)
    {
        Interlocked.Increment(ref _retries);
        Verbose(message);
    }

    public void Debug(string message) => inner?.Debug(Prefixed(message));

    public void Warning(string message) => inner?.Warning(Prefixed(message));

    private string Prefixed(string message) => prefix is null ? message : $"[{prefix}] {message}";
}
