using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Writes response pages with Utf8JsonWriter straight into the response pipe (or a buffer when a fault needs
/// the whole body), flushing as it goes, so a page of thousands of aggregations costs no intermediate objects.
/// </summary>
internal static class PageJson
{
    private const int FlushThreshold = 32 * 1024;

    public static async ValueTask WriteAggregationsAsync(IBufferWriter<byte> output, PipeWriter? pipe, string requestId,
        string kind, IEnumerable<ExpectedAggregation> page, string? nextToken, Absurdity? absurdity, CancellationToken ct)
    {
        var member = AggregationKinds.ResponseMember(kind);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("requestId"u8, requestId);
        w.WriteString("aggregationType"u8, kind);
        w.WriteStartArray("responses"u8);
        foreach (var aggregation in page)
        {
            var counts = absurdity switch
            {
                Absurdity.Negative => aggregation.Counts with { Critical = -1 - aggregation.Counts.Critical },
                Absurdity.PartsExceedAll => aggregation.Counts with { All = aggregation.Counts.Critical + aggregation.Counts.High + aggregation.Counts.Medium - 1 },
                _ => aggregation.Counts,
            };
            w.WriteStartObject();
            w.WriteStartObject(member);
            w.WriteString(kind, aggregation.Key);
            w.WriteStartObject("severityCounts"u8);
            w.WriteNumber("all"u8, counts.All);
            w.WriteNumber("critical"u8, counts.Critical);
            w.WriteNumber("high"u8, counts.High);
            w.WriteNumber("medium"u8, counts.Medium);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            if (pipe is not null && w.BytesPending > FlushThreshold)
            {
                w.Flush();
                await pipe.FlushAsync(ct);
            }
        }
        EndPage(w, nextToken);
    }

    public static void WriteFindings(IBufferWriter<byte> output, string requestId, IEnumerable<EmulatedFinding> page, string? nextToken)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        w.WriteStartObject();
        w.WriteString("requestId"u8, requestId);
        w.WriteStartArray("findings"u8);
        foreach (var finding in page)
        {
            w.WriteRawValue(finding.Utf8Json, skipInputValidation: true);
        }
        EndPage(w, nextToken);
    }

    public static void WriteImageSummaries(IBufferWriter<byte> output, string requestId, IEnumerable<EmulatedImage> page, string? nextToken)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("requestId"u8, requestId);
        w.WriteStartArray("imageSummaryList"u8);
        foreach (var image in page)
        {
            ImageJson.WriteSummary(w, image);
        }
        EndPage(w, nextToken);
    }

    /// <summary>Closes a page's item array, adds its <c>nextToken</c> when there is one, and writes it out.</summary>
    private static void EndPage(Utf8JsonWriter w, string? nextToken)
    {
        w.WriteEndArray();
        if (nextToken is not null)
        {
            w.WriteString("nextToken"u8, nextToken);
        }
        w.WriteEndObject();
        w.Flush();
    }

    public static void WriteImage(IBufferWriter<byte> output, string requestId, EmulatedImage image)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("requestId"u8, requestId);
        w.WritePropertyName("image"u8);
        ImageJson.WriteImage(w, image);
        w.WriteEndObject();
        w.Flush();
    }
}
