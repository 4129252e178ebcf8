namespace ImageBuilderScan.Engine.Model;

/// <summary>
/// One aggregation of <c>ListImageScanFindingAggregations</c>, flattened for the pipeline: the key,
/// the typed key that applies, the severity counts and, for ARN keys, the ARN's parts.
/// </summary>
/// <remarks>
/// The service counts low, informational and untriaged findings only inside <see cref="All"/>;
/// <see cref="Other"/> is derived from the four counts the service sent, never invented.
/// </remarks>
public sealed record ScanFindingAggregation
{
    public required AggregationKind Kind { get; init; }

    /// <summary>The response's <c>aggregationType</c> as the service sent it (e.g. <c>imagePipelineArn</c>).</summary>
    public string? AggregationType { get; init; }

    /// <summary>The aggregation key: account id, image build version ARN, pipeline ARN or vulnerability id.</summary>
    public required string Key { get; init; }

    /// <summary>The account: the key of an account aggregation, or the account part of an ARN key.</summary>
    public string? AccountId { get; init; }
    public string? ImageBuildVersionArn { get; init; }
    public string? ImagePipelineArn { get; init; }
    public string? VulnerabilityId { get; init; }

    public long Critical { get; init; }
    public long High { get; init; }
    public long Medium { get; init; }
    public long All { get; init; }

    /// <summary>Low, informational and untriaged findings: <c>All - Critical - High - Medium</c>.</summary>
    public long Other => All - Critical - High - Medium;

    // Parts of an ARN key (null for account and vulnerability aggregations). Read from the key on
    // each access rather than stored: a page of aggregations is held until the page is checked
    // whole, and six more strings per aggregation doubled what it held (and allocated).
    public string? Partition => Arn?.Partition;
    public string? Region => Arn?.Region;
    public string? ImageName => Kind == AggregationKind.Image ? Arn?.Name : null;
    public string? ImageVersion => Kind == AggregationKind.Image ? Arn?.Version : null;
    public string? ImageBuild => Kind == AggregationKind.Image ? Arn?.Build : null;
    public string? PipelineName => Kind == AggregationKind.ImagePipeline ? Arn?.Name : null;

    private ImageBuilderArn? Arn =>
        Kind is AggregationKind.Image or AggregationKind.ImagePipeline ? ImageBuilderArn.TryParse(Key) : null;

    /// <summary>The request id of the page this aggregation came in.</summary>
    public string? RequestId { get; init; }
}
