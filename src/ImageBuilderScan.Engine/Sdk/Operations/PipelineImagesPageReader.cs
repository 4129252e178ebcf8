using System.Text.Json;
using ImageBuilderScan.Engine.Model;
using static ImageBuilderScan.Engine.Sdk.JsonShapeReader;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary><c>ListImagePipelineImages</c> response: requestId, nextToken and imageSummaryList[] of <c>ImageSummary</c>.</summary>
internal sealed class PipelineImagesPageReader : PageReader<ImageSummary>
{
    public static readonly PipelineImagesPageReader Instance = new();

    protected override string ItemsMember => "imageSummaryList";

    protected override ImageSummary ReadItem(ref Utf8JsonReader reader, string? requestId, string? aggregationType)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Wrong("imageSummaryList[]", "an object", reader.TokenType);
        string? arn = null, name = null, version = null, platform = null, state = null;
        DateTime? created = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arn"u8)) arn = ReadString(ref reader, "arn");
            else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, "name");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, "version");
            else if (reader.ValueTextEquals("platform"u8)) platform = ReadString(ref reader, "platform");
            else if (reader.ValueTextEquals("dateCreated"u8)) created = ReadTimestamp(ref reader, "dateCreated");
            else if (reader.ValueTextEquals("state"u8)) state = ImageReader.ReadStatus(ref reader, "state");
            else SkipValue(ref reader);
        }

        if (string.IsNullOrEmpty(arn)) throw new JsonShapeException("An image summary has no arn.");
        return new ImageSummary { Arn = arn, Name = name, Version = version, Platform = platform, State = state, DateCreated = created, RequestId = requestId };
    }

    protected override bool IsStamped(ImageSummary item, string? requestId, string? aggregationType) => item.RequestId == requestId;

    protected override ImageSummary Restamp(ImageSummary item, string? requestId, string? aggregationType) => item with { RequestId = requestId };
}
