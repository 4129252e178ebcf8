namespace ImageBuilderScan.Client.Model;

/// <summary>The names of <see cref="AggregationKind"/> as <see cref="ScanFindingAggregation.Kind"/> shows them.</summary>
public static class AggregationKinds
{
    public const string Account = nameof(AggregationKind.Account);
    public const string Image = nameof(AggregationKind.Image);
    public const string ImagePipeline = nameof(AggregationKind.ImagePipeline);
    public const string VulnerabilityId = nameof(AggregationKind.VulnerabilityId);
    public const string Unknown = nameof(AggregationKind.Unknown);

    /// <summary>The name of a kind, without Enum.ToString's lookup and allocation per object.</summary>
    public static string NameOf(AggregationKind kind) => kind switch
    {
        AggregationKind.Account => Account,
        AggregationKind.Image => Image,
        AggregationKind.ImagePipeline => ImagePipeline,
        AggregationKind.VulnerabilityId => VulnerabilityId,
        _ => Unknown,
    };
}
