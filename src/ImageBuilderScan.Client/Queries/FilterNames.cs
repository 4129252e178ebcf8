namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// The filter names of the service model, spelled as they go on the wire, and the one place that
/// says which property (of the output objects, and so of the cmdlets' typed parameters) carries
/// each filter's values.
/// </summary>
public static class FilterNames
{
    public const string AccountId = "accountId";
    public const string ImageBuildVersionArn = "imageBuildVersionArn";
    public const string ImagePipelineArn = "imagePipelineArn";
    public const string VulnerabilityId = "vulnerabilityId";
    /// <summary>
    /// ListImageBuildVersions' one (required) member: an image version, <c>image/name/x.y.z</c> with no build number
    /// (what AWS Tools' Get-EC2IBImageList returns); never a scan filter.
    /// </summary>
    public const string ImageVersionArn = "imageVersionArn";
    /// <summary>ListImageScanFindings only.</summary>
    public const string Severity = "severity";

    /// <summary>The property that carries a known filter's values (<c>imagePipelineArn</c> -> <c>ImagePipelineArn</c>), or null.</summary>
    public static string? PropertyFor(string? filterName) => filterName switch
    {
        AccountId => "AccountId",
        ImageBuildVersionArn => "ImageBuildVersionArn",
        ImagePipelineArn => "ImagePipelineArn",
        ImageVersionArn => "ImageVersionArn",
        VulnerabilityId => "VulnerabilityId",
        Severity => "Severity",
        _ => null,
    };
}
