using System.Text.Json;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Operations;

/// <summary>The page of each listing operation: its items member, their expected count per page, and how one item is read.</summary>
internal static class PageReaders
{
    /// <summary><c>ListImageScanFindingAggregations</c>: requestId, aggregationType, nextToken and responses[] (see <see cref="AggregationReader"/>).</summary>
    public static readonly PageReader<ScanFindingAggregation> Aggregations = new("responses", expectedItems: 64, hasAggregationType: true,
        AggregationReader.Read, (item, requestId, aggregationType) => item with { RequestId = requestId, AggregationType = aggregationType });

    /// <summary><c>ListImageScanFindings</c>: requestId, nextToken and findings[] (see <see cref="FindingReader"/>).</summary>
    public static readonly PageReader<ScanFinding> Findings = new("findings", expectedItems: 25, hasAggregationType: false,
        (ref Utf8JsonReader reader, string? requestId, string? _) => FindingReader.Read(ref reader, requestId),
        (item, requestId, _) => item with { RequestId = requestId });

    /// <summary><c>ListImagePipelineImages</c> and <c>ListImageBuildVersions</c>: requestId, nextToken and imageSummaryList[] (see <see cref="ImageReader.ReadSummary"/>).</summary>
    public static readonly PageReader<ImageSummary> ImageSummaries = new("imageSummaryList", expectedItems: 25, hasAggregationType: false,
        (ref Utf8JsonReader reader, string? requestId, string? _) => ImageReader.ReadSummary(ref reader, requestId),
        (item, requestId, _) => item with { RequestId = requestId });
}
