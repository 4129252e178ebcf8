using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// The typed key filters both listings take (Get-IBScanFinding and Get-IBScanFindingAggregation), declared once:
/// each is its own parameter set, named after it, and becomes the service filter of that name.
/// </summary>
public abstract partial class ListingCmdlet
{
    [Parameter(ParameterSetName = nameof(ImageBuildVersionArn), Mandatory = true), ValidateNotNullOrEmpty]
    public string[]? ImageBuildVersionArn { get; set; }

    [Parameter(ParameterSetName = nameof(ImagePipelineArn), Mandatory = true), ValidateNotNullOrEmpty]
    public string[]? ImagePipelineArn { get; set; }

    [Parameter(ParameterSetName = nameof(VulnerabilityId), Mandatory = true), ValidateNotNullOrEmpty]
    public string[]? VulnerabilityId { get; set; }

    /// <summary>
    /// The filter and values of the typed key set this command was called with, or null for the command's own sets.
    /// An image version ARN stands for its newest build; when none of those named has a build (each an error
    /// already), the values are empty and the caller lists nothing, never the unfiltered listing.
    /// </summary>
    private protected (string? Filter, string[] Values)? TypedKeyFilter() => ParameterSetName switch
    {
        nameof(ImageBuildVersionArn) => (FilterNames.ImageBuildVersionArn, NewestBuildsOf(ImageBuildVersionArn!, nameof(ImageBuildVersionArn))),
        nameof(ImagePipelineArn) => (FilterNames.ImagePipelineArn, ImagePipelineArn!),
        nameof(VulnerabilityId) => (FilterNames.VulnerabilityId, VulnerabilityId!),
        _ => null,
    };
}
