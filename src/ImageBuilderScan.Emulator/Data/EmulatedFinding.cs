using System.Text;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// One finding of the data set: the fields the emulator groups and filters by, and the finding itself as
/// compact wire JSON (served byte for byte as loaded, so the data file decides the wire shape).
/// </summary>
public sealed class EmulatedFinding(string accountId, string imageBuildVersionArn, string? imagePipelineArn,
    string vulnerabilityId, string severity, string json)
{
    public string AccountId { get; } = accountId;
    /// <summary>The region of its image build version ARN: the region whose callers see it.</summary>
    public string Region => ImageBuilderArns.Region(ImageBuildVersionArn);
    public string ImageBuildVersionArn { get; } = imageBuildVersionArn;
    /// <summary>Null for an image built outside a pipeline: it then counts under no pipeline.</summary>
    public string? ImagePipelineArn { get; } = imagePipelineArn;
    public string VulnerabilityId { get; } = vulnerabilityId;
    public string Severity { get; } = severity;
    public string Json { get; } = json;
    internal byte[] Utf8Json { get; } = Encoding.UTF8.GetBytes(json);

    /// <summary>The key of this finding for an aggregation kind or findings filter name (null: it has none).</summary>
    public string? KeyFor(string kind) => kind switch
    {
        AggregationKinds.AccountId => AccountId,
        AggregationKinds.ImageBuildVersionArn => ImageBuildVersionArn,
        AggregationKinds.ImagePipelineArn => ImagePipelineArn,
        AggregationKinds.VulnerabilityId => VulnerabilityId,
        AggregationKinds.Severity => Severity,
        _ => null,
    };
}
