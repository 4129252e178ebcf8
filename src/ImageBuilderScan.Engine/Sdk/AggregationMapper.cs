using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Builds the flat <see cref="ScanFindingAggregation"/> from one wire aggregation. Shared by the SDK
/// unmarshaller and the benchmark's raw baseline so both produce exactly the same records.
/// </summary>
internal static class AggregationMapper
{
    /// <exception cref="JsonShapeException">A count is negative, or critical+high+medium exceed all.</exception>
    public static ScanFindingAggregation Create(AggregationKind kind, string key, long critical, long high, long medium, long all,
        string? aggregationType, string? requestId)
    {
        if (critical < 0 || high < 0 || medium < 0 || all < 0 || critical > all || high > all - critical || medium > all - critical - high)
            throw new JsonShapeException(
                $"The severity counts of '{key}' are inconsistent (critical {critical}, high {high}, medium {medium}, all {all}).");

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
            {
                var arn = ImageBuilderArn.TryParse(key);
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, ImageBuildVersionArn = key,
                    Critical = critical, High = high, Medium = medium, All = all,
                    AccountId = arn?.AccountId, Partition = arn?.Partition, Region = arn?.Region,
                    ImageName = arn?.Name, ImageVersion = arn?.Version, ImageBuild = arn?.Build,
                };
            }
            case AggregationKind.ImagePipeline:
            {
                var arn = ImageBuilderArn.TryParse(key);
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId, ImagePipelineArn = key,
                    Critical = critical, High = high, Medium = medium, All = all,
                    AccountId = arn?.AccountId, Partition = arn?.Partition, Region = arn?.Region, PipelineName = arn?.Name,
                };
            }
            default:
                return new ScanFindingAggregation
                {
                    Kind = kind, Key = key, AggregationType = aggregationType, RequestId = requestId,
                    Critical = critical, High = high, Medium = medium, All = all,
                };
        }
    }
}
