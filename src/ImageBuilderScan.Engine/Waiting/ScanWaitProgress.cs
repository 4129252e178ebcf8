namespace ImageBuilderScan.Engine.Waiting;

/// <summary>Where a wait for one build's scan stands: what the build is doing, for how long it was waited for, and until when it will be.</summary>
/// <param name="State">The build's state as read, e.g. "scan SCANNING" or "image BUILDING".</param>
public sealed record ScanWaitProgress(string ImageBuildVersionArn, string State, TimeSpan Elapsed, TimeSpan Timeout, TimeSpan NextPoll);
