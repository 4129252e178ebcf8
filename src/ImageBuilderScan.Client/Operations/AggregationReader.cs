using System.Text.Json;
using ImageBuilderScan.Client.Model;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// One <c>ImageScanFindingAggregation</c> of a <c>ListImageScanFindingAggregations</c> page: one of
/// accountAggregation, imageAggregation, imagePipelineAggregation or vulnerabilityIdAggregation with its
/// key and severityCounts{all,critical,high,medium}.
/// </summary>
internal static class AggregationReader
{
    public static ScanFindingAggregation Read(ref Utf8JsonReader reader, string? requestId, string? aggregationType)
    {
        var kind = AggregationKind.Unknown;
        string? key = null;
        long critical = 0, high = 0, medium = 0, all = 0;
        while (NextProperty(ref reader))
        {
            var (member, keyMember, memberKind) =
                reader.ValueTextEquals("accountAggregation"u8) ? ("accountAggregation", "accountId", AggregationKind.Account)
                : reader.ValueTextEquals("imageAggregation"u8) ? ("imageAggregation", "imageBuildVersionArn", AggregationKind.Image)
                : reader.ValueTextEquals("imagePipelineAggregation"u8) ? ("imagePipelineAggregation", "imagePipelineArn", AggregationKind.ImagePipeline)
                : reader.ValueTextEquals("vulnerabilityIdAggregation"u8) ? ("vulnerabilityIdAggregation", "vulnerabilityId", AggregationKind.VulnerabilityId)
                : (null, null, AggregationKind.Unknown);
            if (member is null || !BeginObject(ref reader, member))
            {
                if (member is null) SkipValue(ref reader);
                continue;
            }
            kind = memberKind;
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals(keyMember)) key = ReadString(ref reader, keyMember!);
                else if (reader.ValueTextEquals("severityCounts"u8)) ReadCounts(ref reader, ref critical, ref high, ref medium, ref all);
                else SkipValue(ref reader);
            }
        }
        if (kind != AggregationKind.Unknown && key is null)
            throw new JsonShapeException($"An aggregation of kind {kind} has no key.");
        return AggregationMapper.Create(kind, key ?? string.Empty, critical, high, medium, all, aggregationType, requestId);
    }

    private static void ReadCounts(ref Utf8JsonReader reader, ref long critical, ref long high, ref long medium, ref long all)
    {
        if (!BeginObject(ref reader, "severityCounts")) return;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("all"u8)) all = ReadInt64(ref reader, "severityCounts.all") ?? 0;
            else if (reader.ValueTextEquals("critical"u8)) critical = ReadInt64(ref reader, "severityCounts.critical") ?? 0;
            else if (reader.ValueTextEquals("high"u8)) high = ReadInt64(ref reader, "severityCounts.high") ?? 0;
            else if (reader.ValueTextEquals("medium"u8)) medium = ReadInt64(ref reader, "severityCounts.medium") ?? 0;
            else SkipValue(ref reader);
        }
    }
}
