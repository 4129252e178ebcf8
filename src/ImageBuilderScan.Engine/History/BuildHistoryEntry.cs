namespace ImageBuilderScan.Engine.History;

/// <summary>
/// One build of a pipeline in its history: what the build is, how its image and scan ended, and its
/// severity counts. The counts are null when the scan did not complete (pending, failed, scanning not
/// enabled): an incomplete scan's counts are not the build's, and zeros would read as a clean build. A count is also
/// null when the scan completed but the service's answer left it out (the model requires none of them): unknown, never 0.
/// </summary>
public sealed record BuildHistoryEntry
{
    public required string ImagePipelineArn { get; init; }
    /// <summary>The pipeline's name from its ARN.</summary>
    public required string PipelineName { get; init; }
    public required string ImageBuildVersionArn { get; init; }
    /// <summary>The image name (from the service, else from the ARN).</summary>
    public required string ImageName { get; init; }
    /// <summary>The x.y.z of the ARN.</summary>
    public string? ImageVersion { get; init; }
    /// <summary>The build number of the ARN; null when it is not a number.</summary>
    public long? BuildNumber { get; init; }
    /// <summary>UTC; null when the service sent none.</summary>
    public DateTime? DateCreated { get; init; }
    /// <summary>The image's state (<c>AVAILABLE</c>, <c>FAILED</c>, ...).</summary>
    public string? ImageState { get; init; }
    /// <summary>The scan's ImageScanStatus (<c>COMPLETED</c>, <c>PENDING</c>, ...); null when scanning was not enabled or no state was sent.</summary>
    public string? ScanStatus { get; init; }
    public string? ScanReason { get; init; }
    /// <summary>Scanning was enabled and the scan completed: the counts are the build's.</summary>
    public required bool ScanComplete { get; init; }

    public long? Critical { get; init; }
    public long? High { get; init; }
    public long? Medium { get; init; }
    /// <summary>Every finding, including low, informational and untriaged ones.</summary>
    public long? All { get; init; }

    public required string Region { get; init; }
    public required string AccountId { get; init; }

    /// <summary>"1.4.0/1", or the version alone.</summary>
    public string? Build => ImageVersion is null ? null : BuildNumber is { } n ? $"{ImageVersion}/{n}" : ImageVersion;
}
