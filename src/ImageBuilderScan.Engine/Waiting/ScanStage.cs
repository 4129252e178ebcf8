namespace ImageBuilderScan.Engine.Waiting;

/// <summary>Where a build stands for a wait: still on its way to a complete scan, complete, or ended short of one.</summary>
public enum ScanStageKind
{
    Running,
    Complete,
    Ended,
}

/// <summary>Reads a build's <see cref="ImageScanState"/> as a stage of the way to a complete scan (the model's enums).</summary>
public static class ScanStage
{
    // A DISABLED image keeps a scan that completed, but one that did not will not run now.
    private const string ImageDisabled = "DISABLED";
    // ImageScanStatus values of a scan still running.
    private static readonly string[] ScanUnderWay = ["PENDING", "SCANNING", "COLLECTING"];

    // The image's state first (ImageScanState.IsComplete, the one rule): a build still being made is waited for even when
    // its scan says COMPLETED (that scan is not its last); one that failed, was cancelled or deleted ends the wait at once.
    public static ScanStageKind Of(ImageScanState state)
    {
        if (state.ImageUnderWay) return ScanStageKind.Running;
        if (state.ImageGone) return ScanStageKind.Ended;
        if (state.IsComplete) return ScanStageKind.Complete;
        if (state.ImageStatus == ImageDisabled || !state.ScanningEnabled) return ScanStageKind.Ended;
        // No scan state yet on a build with scanning on: its scan is still to start (a wait that never sees one times out, closed).
        return state.Status is null || ScanUnderWay.Contains(state.Status, StringComparer.Ordinal) ? ScanStageKind.Running : ScanStageKind.Ended;
    }

    /// <summary>
    /// Why the image's own state keeps its scan from being judged, whatever the scan says (and even under
    /// -AllowIncompleteScan: these are no scans in progress, but scans of no final image), or null.
    /// </summary>
    public static string? ImageProblem(ImageScanState state)
    {
        var image = Client.Text.InputDisplay.Show(state.ImageStatus);
        if (state.ImageUnderWay) return $"the image is {image}: it is still being built, so its scan is not its last";
        if (state.ImageGone) return $"the image is {image}: the build left no image to judge";
        return null;
    }

    /// <summary>The state in a few words: "image BUILDING", "scan SCANNING", "scan FAILED (reason)", "scanning disabled".</summary>
    public static string Describe(ImageScanState state)
    {
        if (state.ImageUnderWay || state.ImageGone || (state.ImageStatus == ImageDisabled && !state.IsComplete)) return "image " + state.ImageStatus;
        if (!state.ScanningEnabled) return "scanning disabled";
        return $"scan {state.Status ?? "in no state"}{(state.Reason is { Length: > 0 } r ? $" ({r})" : "")}";
    }
}
