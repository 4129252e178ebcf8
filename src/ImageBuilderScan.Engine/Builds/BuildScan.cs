namespace ImageBuilderScan.Engine.Builds;

/// <summary>One build's scan as read from the service: its state and every finding the service listed.</summary>
/// <param name="Findings">Complete: a listing that failed part way throws instead of returning.</param>
public sealed record BuildScan(ImageScanState State, IReadOnlyList<ScanFinding> Findings);
