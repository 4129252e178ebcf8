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
    // ImageStatus values of a build still being made, distributed or tested: its scan is yet to come.
    private static readonly string[] ImageUnderWay = ["PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING"];
    // ImageStatus values of a build that will never be scanned.
    private static readonly string[] ImageEnded = ["CANCELLED", "FAILED", "DELETED", "DISABLED"];
    // ImageScanStatus values of a scan still running.
    private static readonly string[] ScanUnderWay = ["PENDING", "SCANNING", "COLLECTING"];

    public static ScanStageKind Of(ImageScanState state)
    {
        if (state.IsComplete) return ScanStageKind.Complete;
        if (state.ImageStatus is { } image && ImageEnded.Contains(image, StringComparer.Ordinal)) return ScanStageKind.Ended;
        if (state.ImageStatus is { } building && ImageUnderWay.Contains(building, StringComparer.Ordinal)) return ScanStageKind.Running;
        if (!state.ScanningEnabled) return ScanStageKind.Ended;
        // No scan state yet on a build with scanning on: its scan is still to start (a wait that never sees one times out, closed).
        return state.Status is null || ScanUnderWay.Contains(state.Status, StringComparer.Ordinal) ? ScanStageKind.Running : ScanStageKind.Ended;
    }

    /// <summary>The state in a few words: "image BUILDING", "scan SCANNING", "scan FAILED (reason)", "scanning disabled".</summary>
    public static string Describe(ImageScanState state)
    {
        if (state.ImageStatus is { } image && (ImageEnded.Contains(image, StringComparer.Ordinal) || ImageUnderWay.Contains(image, StringComparer.Ordinal)))
            return "image " + image;
        if (!state.ScanningEnabled) return "scanning disabled";
        return $"scan {state.Status ?? "in no state"}{(state.Reason is { Length: > 0 } r ? $" ({r})" : "")}";
    }
}
