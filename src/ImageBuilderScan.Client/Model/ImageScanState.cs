namespace ImageBuilderScan.Client.Model;

/// <summary>
/// An image's scan state as <c>GetImage</c> reports it: <c>imageScanState</c> (status and reason) and
/// <c>imageScanningConfiguration.imageScanningEnabled</c>. The gate trusts findings only when
/// <see cref="IsComplete"/>: before that the list may still grow.
/// </summary>
/// <param name="Status">
/// The service's <c>ImageScanStatus</c>: PENDING, SCANNING, COLLECTING, COMPLETED, ABANDONED, FAILED or
/// TIMED_OUT; null when the service sent none.
/// </param>
public sealed record ImageScanState(
    string ImageBuildVersionArn,
    string? ImagePipelineArn,
    string? Status,
    string? Reason,
    bool ScanningEnabled,
    DateTime? DateCreated)
{
    public const string Completed = "COMPLETED";

    /// <summary>The members as C# prints them, made inert (<see cref="Text.InputDisplay.Printed"/>); the values stay as sent.</summary>
    public override string ToString() => Text.InputDisplay.Printed(nameof(ImageScanState), PrintMembers);

    /// <summary>
    /// The image's own <c>ImageStatus</c> (PENDING, CREATING, BUILDING, TESTING, DISTRIBUTING, INTEGRATING, AVAILABLE,
    /// CANCELLED, FAILED, DEPRECATED, DELETED, DISABLED); null when the service sent none. A build still being made has
    /// no scan yet.
    /// </summary>
    public string? ImageStatus { get; init; }

    /// <summary>
    /// Scanning was enabled, the scan ran to its end and the image is one a scan is final for, so the findings are the whole
    /// list. The one rule of every command that trusts findings (the gate, the comparison, the history): a COMPLETED scan of
    /// an image still being built (<see cref="ImageUnderWay"/>) is not its last, and one of a build that failed, was cancelled
    /// or deleted (<see cref="ImageGone"/>) is of no image to judge. AVAILABLE, DEPRECATED and DISABLED images keep real scans.
    /// </summary>
    public bool IsComplete => ScanningEnabled && string.Equals(Status, Completed, StringComparison.Ordinal) && !ImageUnderWay && !ImageGone;

    /// <summary>The image is still being made, distributed or tested (<see cref="ServiceValues.ImageStatusesUnderWay"/>).</summary>
    public bool ImageUnderWay => ServiceValues.IsOneOf(ImageStatus, ServiceValues.ImageStatusesUnderWay);

    /// <summary>The build produced no image, or it is gone (<see cref="ServiceValues.ImageStatusesWithoutImage"/>).</summary>
    public bool ImageGone => ServiceValues.IsOneOf(ImageStatus, ServiceValues.ImageStatusesWithoutImage);
}
