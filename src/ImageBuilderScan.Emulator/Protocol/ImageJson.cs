using System.Globalization;
using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Images on the wire: the model's Image (GetImage) and ImageSummary (ListImagePipelineImages), and the data file's
/// image entry. dateCreated is the model's DateTime, a string (ISO 8601 with milliseconds, as the service sends it).
/// </summary>
internal static class ImageJson
{
    public static string DateTime(long epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(epochSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The model's Image, with the members a scan client reads (and the ones every image has).</summary>
    public static void WriteImage(Utf8JsonWriter w, EmulatedImage image)
    {
        w.WriteStartObject();
        WriteCommon(w, image);
        w.WriteBoolean("enhancedImageMetadataEnabled"u8, true);
        if (image.ImagePipelineArn is { } pipeline)
        {
            w.WriteString("sourcePipelineName"u8, ImageBuilderArns.PipelineName(pipeline));
            w.WriteString("sourcePipelineArn"u8, pipeline);
        }
        if (image.ScanStatus is { } status)
        {
            w.WriteStartObject("scanState"u8);
            w.WriteString("status"u8, status);
            if (image.ScanReason is { } reason)
            {
                w.WriteString("reason"u8, reason);
            }
            w.WriteEndObject();
        }
        w.WriteStartObject("imageScanningConfiguration"u8);
        w.WriteBoolean("imageScanningEnabled"u8, image.ScanningEnabled);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The model's ImageSummary.</summary>
    public static void WriteSummary(Utf8JsonWriter w, EmulatedImage image)
    {
        w.WriteStartObject();
        WriteCommon(w, image);
        w.WriteString("owner"u8, image.AccountId);
        w.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter w, EmulatedImage image)
    {
        w.WriteString("arn"u8, image.Arn);
        w.WriteString("type"u8, "AMI");
        w.WriteString("name"u8, image.Name);
        w.WriteString("version"u8, image.Version);
        w.WriteString("platform"u8, image.Platform);
        if (image.OsVersion is { } os)
        {
            w.WriteString("osVersion"u8, os);
        }
        w.WriteStartObject("state"u8);
        w.WriteString("status"u8, image.ImageStatus);
        w.WriteEndObject();
        w.WriteString("dateCreated"u8, DateTime(image.DateCreated));
        w.WriteString("buildType"u8, image.ImagePipelineArn is null ? "USER_INITIATED" : "SCHEDULED");
        w.WriteString("imageSource"u8, "CUSTOM");
    }

    /// <summary>An entry of the data file's "images" list, every member explicit.</summary>
    public static void WriteDataEntry(Utf8JsonWriter w, EmulatedImage image)
    {
        w.WriteStartObject();
        w.WriteString("arn", image.Arn);
        if (image.ImagePipelineArn is { } pipeline)
        {
            w.WriteString("imagePipelineArn", pipeline);
        }
        if (image.ScanStatus is { } status)
        {
            w.WriteString("scanState", status);
        }
        if (image.ScanReason is { } reason)
        {
            w.WriteString("scanReason", reason);
        }
        w.WriteBoolean("scanningEnabled", image.ScanningEnabled);
        w.WriteNumber("dateCreated", image.DateCreated);
        w.WriteString("name", image.Name);
        w.WriteString("version", image.Version);
        if (image.OsVersion is { } os)
        {
            w.WriteString("osVersion", os);
        }
        w.WriteString("platform", image.Platform);
        w.WriteEndObject();
    }
}
