using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// Builds the flat <see cref="ScanFindingAggregation"/> from one wire aggregation. Shared by the SDK
/// reader and the benchmark's raw baseline so both produce exactly the same records.
/// </summary>
internal static class AggregationMapper
{
    /// <remarks>Counts are passed through as sent; whether they are plausible is decided once, for the
    /// whole page, by <see cref="PagePlausibility"/> before any item of the page is emitted.</remarks>
    public static ScanFindingAggregation Create(AggregationKind kind, string key, long critical, long high, long medium, long all,
        string? aggregationType, string? requestId) => new()
    {
        KindValue = kind,
        Key = key,
        AggregationType = aggregationType,
        RequestId = requestId,
        // The typed key of the aggregation's own kind; ARN keys also carry their account.
        AccountId = kind switch
        {
            AggregationKind.Account => key,
            AggregationKind.Image or AggregationKind.ImagePipeline => ImageBuilderArn.AccountOf(key),
            _ => null,
        },
        ImageBuildVersionArn = kind == AggregationKind.Image ? key : null,
        ImagePipelineArn = kind == AggregationKind.ImagePipeline ? key : null,
        VulnerabilityId = kind == AggregationKind.VulnerabilityId ? key : null,
        Critical = critical,
        High = high,
        Medium = medium,
        All = all,
    };
}
