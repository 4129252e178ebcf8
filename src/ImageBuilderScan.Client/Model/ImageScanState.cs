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

    /// <summary>Scanning was enabled and the scan ran to its end, so the findings are the whole list.</summary>
    public bool IsComplete => ScanningEnabled && string.Equals(Status, Completed, StringComparison.Ordinal);
}
