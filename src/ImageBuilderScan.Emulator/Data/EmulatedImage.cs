namespace ImageBuilderScan.Emulator;

/// <summary>The ImageScanStatus values of the model.</summary>
public static class ImageScanStatuses
{
    public const string Completed = "COMPLETED";
    public static readonly IReadOnlyList<string> All = ["PENDING", "SCANNING", "COLLECTING", Completed, "ABANDONED", "FAILED", "TIMED_OUT"];
}

/// <summary>
/// One image build version the emulator knows: listed in the data file's "images", or named only by findings
/// (then COMPLETED, scanning enabled, its date derived). Served by GetImage and ListImagePipelineImages.
/// </summary>
public sealed record EmulatedImage
{
    public required string Arn { get; init; }
    /// <summary>The image's name; defaults to the name in its ARN.</summary>
    public required string Name { get; init; }
    /// <summary>The x.y.z of its ARN.</summary>
    public required string Version { get; init; }
    public required long Build { get; init; }
    public string Region => ImageBuilderArns.Region(Arn);
    public string AccountId => ImageBuilderArns.Account(Arn);
    public string? ImagePipelineArn { get; init; }
    /// <summary>The ImageScanStatus; null for an image never scanned (scanning disabled, no scanState given): no scanState is served.</summary>
    public string? ScanStatus { get; init; } = ImageScanStatuses.Completed;
    public string? ScanReason { get; init; }
    public bool ScanningEnabled { get; init; } = true;
    /// <summary>The image's own ImageStatus: AVAILABLE once built (a scan advancing from a build shows BUILDING first).</summary>
    public string ImageStatus { get; init; } = "AVAILABLE";
    /// <summary>Epoch seconds; served as the model's DateTime string.</summary>
    public required long DateCreated { get; init; }
    public string? OsVersion { get; init; }
    /// <summary>Linux, Windows or macOS (the model's Platform).</summary>
    public required string Platform { get; init; }

    internal (long, long, long, long) VersionOrder => ImageBuilderArns.Order(Version, Build);
}
