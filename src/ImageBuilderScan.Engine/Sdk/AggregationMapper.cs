using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Builds the flat <see cref="ScanFindingAggregation"/> from one wire aggregation. Shared by the SDK
/// unmarshaller and the benchmark's raw baseline so both produce exactly the same records.
/// </summary>
internal static class AggregationMapper
{
    /// <remarks>Counts are passed through as sent; whether they are plausible is decided once, for the
    /// whole page, by <see cref="Queries.PagePlausibility"/> before any item of the page is emitted.</remarks>
    public static ScanFindingAggregation Create(AggregationKind kind, string key, long critical, long high, long medium, long all,
        string? aggregationType, string? requestId)
    {
        switch (kind)
        {
            case AggregationKind.Account:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, AccountId = key,
                    Critical = critical, High = high, Medium = medium, All = all,
                };
            case AggregationKind.VulnerabilityId:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, VulnerabilityId = key,
                    Critical = critical, High = high, Medium = medium, All = all,
                };
            case AggregationKind.Image:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, ImageBuildVersionArn = key,
                    Critical = critical, High = high, Medium = medium, All = all, AccountId = ImageBuilderArn.AccountOf(key),
                };
            case AggregationKind.ImagePipeline:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, ImagePipelineArn = key,
                    Critical = critical, High = high, Medium = medium, All = all, AccountId = ImageBuilderArn.AccountOf(key),
                };
            default:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId,
                    Critical = critical, High = high, Medium = medium, All = all,
                };
        }
    }
}
