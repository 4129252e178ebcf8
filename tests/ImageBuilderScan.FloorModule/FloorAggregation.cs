namespace ImageBuilderScan.FloorModule;

/// <summary>
/// The properties of ImageBuilderScan.Client.Model.ScanFindingAggregation with the same types (the
/// kind as its own enum: this module references nothing), so PowerShell's per-object costs (adapter,
/// pipeline, Measure-Object) are the same as for the real objects.
/// </summary>
public sealed record FloorAggregation
{
    public required FloorAggregationKind Kind { get; init; }
    public string? AggregationType { get; init; }
    public required string Key { get; init; }
    public string? AccountId { get; init; }
    public string? ImageBuildVersionArn { get; init; }
    public string? ImagePipelineArn { get; init; }
    public string? VulnerabilityId { get; init; }
    public long Critical { get; init; }
    public long High { get; init; }
    public long Medium { get; init; }
    public long All { get; init; }
    public long Other => All - Critical - High - Medium;

    // Null for account aggregations, which is all this module emits (as the real cmdlet without a filter).
    public string? Partition => null;
    public string? Region => null;
    public string? ImageName => null;
    public string? ImageVersion => null;
    public string? ImageBuild => null;
    public string? PipelineName => null;
    public string? RequestId { get; init; }
}

/// <summary>The values of ImageBuilderScan.Client.Model.AggregationKind.</summary>
public enum FloorAggregationKind
{
    Unknown = 0,
    Account,
    Image,
    ImagePipeline,
    VulnerabilityId,
}
