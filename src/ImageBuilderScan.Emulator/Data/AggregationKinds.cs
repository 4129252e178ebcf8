namespace ImageBuilderScan.Emulator;

/// <summary>Filter names of the model, which are also the emulator's aggregation types.</summary>
public static class AggregationKinds
{
    public const string AccountId = "accountId";
    public const string ImageBuildVersionArn = "imageBuildVersionArn";
    public const string ImagePipelineArn = "imagePipelineArn";
    public const string VulnerabilityId = "vulnerabilityId";
    public const string Severity = "severity";

    public static readonly IReadOnlyList<string> All = [AccountId, ImageBuildVersionArn, ImagePipelineArn, VulnerabilityId];

    /// <summary>Filter names ListImageScanFindings accepts.</summary>
    public static readonly IReadOnlyList<string> FindingFilters = [ImageBuildVersionArn, ImagePipelineArn, VulnerabilityId, Severity];

    /// <summary>The member of ImageScanFindingAggregation that carries this kind.</summary>
    internal static string ResponseMember(string kind) => kind switch
    {
        AccountId => "accountAggregation",
        ImageBuildVersionArn => "imageAggregation",
        ImagePipelineArn => "imagePipelineAggregation",
        VulnerabilityId => "vulnerabilityIdAggregation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an aggregation kind."),
    };
}
