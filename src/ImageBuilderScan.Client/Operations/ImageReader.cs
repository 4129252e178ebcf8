using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// <c>GetImage</c> response, read for what decides whether an image's findings can be trusted:
/// <c>image.arn</c>, <c>sourcePipelineArn</c>, <c>dateCreated</c>, <c>state.status</c>, <c>scanState {status, reason}</c> and
/// <c>imageScanningConfiguration.imageScanningEnabled</c>. Scanning counts as enabled only when the
/// service says so: an image whose configuration is missing is not taken as scanned. The summaries
/// of <c>ListImagePipelineImages</c> are read here too: both carry an image's <c>ImageState</c>.
/// </summary>
internal sealed class ImageReader : ResponseReader<ImageScanState>
{
    public static readonly ImageReader Instance = new();

    public override ImageScanState Read(ref Utf8JsonReader reader, string? headerRequestId)
    {
        ImageScanState? state = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("image"u8)) { if (BeginObject(ref reader, "image")) state = ReadImage(ref reader); }
            else SkipResponseMember(ref reader);
        }

        return state ?? throw new JsonShapeException("The response has no image.");
    }

    private static ImageScanState ReadImage(ref Utf8JsonReader reader)
    {
        string? arn = null, pipeline = null, status = null, reason = null, imageStatus = null;
        bool? enabled = null;
        DateTime? created = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arn"u8)) arn = ReadString(ref reader, "image.arn");
            else if (reader.ValueTextEquals("sourcePipelineArn"u8)) pipeline = ReadString(ref reader, "image.sourcePipelineArn");
            else if (reader.ValueTextEquals("dateCreated"u8)) created = ReadTimestamp(ref reader, "image.dateCreated");
            else if (reader.ValueTextEquals("state"u8)) imageStatus = ReadState(ref reader, "image.state").Status;
            else if (reader.ValueTextEquals("scanState"u8)) (status, reason) = ReadState(ref reader, "image.scanState", withReason: true);
            // A member that is null is no object to read, and must not fall through to the next test.
            else if (reader.ValueTextEquals("imageScanningConfiguration"u8))
            {
                if (!BeginObject(ref reader, "image.imageScanningConfiguration")) continue;
                while (NextProperty(ref reader))
                {
                    if (reader.ValueTextEquals("imageScanningEnabled"u8)) enabled = ReadBoolean(ref reader, "image.imageScanningConfiguration.imageScanningEnabled");
                    else SkipValue(ref reader);
                }
            }
            else SkipValue(ref reader);
        }

        if (string.IsNullOrEmpty(arn)) throw new JsonShapeException("The image has no arn.");
        // The model makes the image's state optional, but the service sends it for every image; without it nothing says the
        // image was built (a scan of a building image is not its last), so the answer is not read rather than guessed at.
        if (imageStatus is null) throw new JsonShapeException("The image has no state.status: nothing says whether it was built.");
        return new ImageScanState(arn, pipeline, status, reason, enabled == true, created) { ImageStatus = imageStatus };
    }

    /// <summary>
    /// A listing of one resource's builds as image summaries (<c>ListImagePipelineImages</c>, <c>ListImageBuildVersions</c>):
    /// the resource's ARN is a required member, one per request, validated as the filter of that name; answered with
    /// <c>requestId</c>, <c>nextToken</c> and <c>imageSummaryList[]</c>, whose image states are held to the model.
    /// </summary>
    public static ListingOperation<ImageSummary> BuildsListing(string operation, string arnMember) =>
        new(operation, [arnMember], valuesPerRequest: 1, requiresValue: true, SummaryPage,
            (writer, _, values) => writer.WriteString(arnMember, values.Count == 0 ? "" : values[0]),
            static (unknown, page) => unknown.PipelineImages(page));

    private static readonly PageReader<ImageSummary> SummaryPage = new("imageSummaryList", expectedItems: 25, ListingOperation.MaxSizedPage, ReadSummary);

    /// <summary>One <c>ImageSummary</c> of a listing's page (its <c>state</c> is an <c>ImageState</c> too).</summary>
    public static ImageSummary ReadSummary(ref Utf8JsonReader reader)
    {
        string? arn = null, name = null, version = null, platform = null, state = null;
        DateTime? created = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("arn"u8)) arn = ReadString(ref reader, "arn");
            else if (reader.ValueTextEquals("name"u8)) name = ReadString(ref reader, "name");
            else if (reader.ValueTextEquals("version"u8)) version = ReadString(ref reader, "version");
            else if (reader.ValueTextEquals("platform"u8)) platform = ReadString(ref reader, "platform");
            else if (reader.ValueTextEquals("dateCreated"u8)) created = ReadTimestamp(ref reader, "dateCreated");
            else if (reader.ValueTextEquals("state"u8)) state = ReadState(ref reader, "state").Status;
            else SkipValue(ref reader);
        }

        if (string.IsNullOrEmpty(arn)) throw new JsonShapeException("An image summary has no arn.");
        return new ImageSummary { Arn = arn, Name = name, Version = version, Platform = platform, State = state, DateCreated = created };
    }

    /// <summary>
    /// The <c>status</c> (and, <paramref name="withReason"/>, the <c>reason</c>) of a state object (<c>ImageState</c>,
    /// <c>ImageScanState</c>), skipping the rest; nulls when the member is null.
    /// </summary>
    private static (string? Status, string? Reason) ReadState(ref Utf8JsonReader reader, string member, bool withReason = false)
    {
        string? status = null, reason = null;
        if (!BeginObject(ref reader, member)) return (null, null);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("status"u8)) status = ReadString(ref reader, member + ".status");
            else if (withReason && reader.ValueTextEquals("reason"u8)) reason = ReadString(ref reader, member + ".reason");
            else SkipValue(ref reader);
        }

        return (status, reason);
    }
}
