using System.Text.Json;
using Amazon.Runtime;
using ImageBuilderScan.Engine.Model;
using static ImageBuilderScan.Engine.Sdk.JsonShapeReader;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// <c>ListImageScanFindingAggregations</c> response: requestId, aggregationType, nextToken and
/// responses[], each holding one of accountAggregation, imageAggregation, imagePipelineAggregation or
/// vulnerabilityIdAggregation with its key and severityCounts{all,critical,high,medium}.
/// </summary>
internal sealed class AggregationsResponseUnmarshaller : ImageBuilderResponseUnmarshaller
{
    public static readonly AggregationsResponseUnmarshaller Instance = new();

    protected override AmazonWebServiceResponse Parse(ref Utf8JsonReader reader, string? headerRequestId)
    {
        var response = new AggregationsSdkResponse();
        string? bodyRequestId = null;
        List<ScanFindingAggregation>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("requestId"u8)) bodyRequestId = ReadString(ref reader, "requestId");
            else if (reader.ValueTextEquals("aggregationType"u8)) response.AggregationType = ReadString(ref reader, "aggregationType");
            else if (reader.ValueTextEquals("nextToken"u8)) response.NextToken = ReadString(ref reader, "nextToken");
            else if (reader.ValueTextEquals("responses"u8))
            {
                if (!BeginArray(ref reader, "responses")) continue;
                // Items carry the page's request id; the body's id usually comes first, else the header's.
                var requestId = bodyRequestId ?? headerRequestId;
                items ??= new List<ScanFindingAggregation>(64);
                while (NextElement(ref reader))
                    items.Add(ReadAggregation(ref reader, response.AggregationType, requestId));
            }
            else SkipValue(ref reader);
        }

        response.RequestId = bodyRequestId ?? headerRequestId;
        if (items is not null && bodyRequestId is not null && items.Count > 0 && items[0].RequestId != bodyRequestId)
        {
            for (var i = 0; i < items.Count; i++) items[i] = items[i] with { RequestId = bodyRequestId, AggregationType = response.AggregationType };
        }
        else if (items is not null && items.Count > 0 && items[0].AggregationType != response.AggregationType)
        {
            for (var i = 0; i < items.Count; i++) items[i] = items[i] with { AggregationType = response.AggregationType };
        }
        response.Items = items is null ? [] : items;
        return response;
    }

    private static ScanFindingAggregation ReadAggregation(ref Utf8JsonReader reader, string? aggregationType, string? requestId)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Wrong("responses[]", "an object", reader.TokenType);
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
