using System.Text.Json;
using Amazon.Runtime;
using ImageBuilderScan.Engine.Model;
using static ImageBuilderScan.Engine.Sdk.JsonShapeReader;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary><c>ListImageScanFindings</c> response: requestId, nextToken and findings[] (see <see cref="FindingReader"/>).</summary>
internal sealed class FindingsResponseUnmarshaller : ImageBuilderResponseUnmarshaller
{
    public static readonly FindingsResponseUnmarshaller Instance = new();

    protected override AmazonWebServiceResponse Parse(ref Utf8JsonReader reader, string? headerRequestId)
    {
        var response = new FindingsSdkResponse();
        string? bodyRequestId = null;
        List<ScanFinding>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("requestId"u8)) bodyRequestId = ReadString(ref reader, "requestId");
            else if (reader.ValueTextEquals("nextToken"u8)) response.NextToken = ReadString(ref reader, "nextToken");
            else if (reader.ValueTextEquals("findings"u8))
            {
                if (!BeginArray(ref reader, "findings")) continue;
                var requestId = bodyRequestId ?? headerRequestId;
                items ??= new List<ScanFinding>(25);
                while (NextElement(ref reader))
                    items.Add(FindingReader.Read(ref reader, requestId));
            }
            else SkipValue(ref reader);
        }

        response.RequestId = bodyRequestId ?? headerRequestId;
        if (items is not null && bodyRequestId is not null && items.Count > 0 && items[0].RequestId != bodyRequestId)
        {
            for (var i = 0; i < items.Count; i++) items[i] = items[i] with { RequestId = bodyRequestId };
        }
        response.Items = items is null ? [] : items;
        return response;
    }
}
