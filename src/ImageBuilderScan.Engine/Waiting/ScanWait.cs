namespace ImageBuilderScan.Engine.Waiting;

/// <summary>
/// What -WaitForScan asks of the reading of a build: wait while its scan runs, at most <see cref="Timeout"/>, polling on
/// <see cref="Schedule"/>, and report each poll to <see cref="Progress"/> (called on any thread).
/// </summary>
public sealed record ScanWait
{
    /// <summary>30 minutes, the default of -WaitTimeoutSec.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    public ScanWaitSchedule Schedule { get; init; } = ScanWaitSchedule.Default;
    public Action<ScanWaitProgress>? Progress { get; init; }
    /// <summary>The clock the timeout and the delays run on.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
