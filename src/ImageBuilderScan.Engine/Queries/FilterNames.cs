namespace ImageBuilderScan.Engine.Queries;

/// <summary>The filter names of the service model, spelled as they go on the wire.</summary>
public static class FilterNames
{
    public const string AccountId = "accountId";
    public const string ImageBuildVersionArn = "imageBuildVersionArn";
    public const string ImagePipelineArn = "imagePipelineArn";
    public const string VulnerabilityId = "vulnerabilityId";
    /// <summary>ListImageScanFindings only.</summary>
    public const string Severity = "severity";
}
