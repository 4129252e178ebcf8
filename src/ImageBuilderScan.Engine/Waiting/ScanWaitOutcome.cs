using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Waiting;

/// <summary>How a wait for a build's scan ended: its last state, and, when the wait ran out first, why it is not judged.</summary>
public sealed record ScanWaitOutcome(ImageScanState State, string? TimedOut)
{
    /// <summary>The state, or ScanWaitTimedOut when the wait ran out (for readers that refuse what they cannot judge).</summary>
    /// <exception cref="ScanStateException">ScanWaitTimedOut, naming the last state.</exception>
    public ImageScanState Settled() => TimedOut is null ? State : throw new ScanStateException("ScanWaitTimedOut", State.ImageBuildVersionArn, TimedOut);
}
