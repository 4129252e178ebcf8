using System.Text.Json;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Operations;

/// <summary>The page of each listing operation: its items member, their expected count per page, and how one item is read.</summary>
internal static class PageReaders
{
    /// <summary>
    /// The most aggregations one page may hold. The model sets no maximum and the service's page size is not
    /// documented; a page of aggregations is a few hundred bytes an item, so this bounds one page to a few MiB.
    /// </summary>
    public const int MaxAggregationsPerPage = 10_000;

    /// <summary>The most items a page of a listing that takes <c>maxResults</c> (1 to 25 in the model) holds: findings and pipeline images.</summary>
    public const int MaxSizedPage = 25;

    /// <summary><c>ListImageScanFindingAggregations</c>: requestId, aggregationType, nextToken and responses[] (see <see cref="AggregationReader"/>).</summary>
    public static readonly PageReader<ScanFindingAggregation> Aggregations = new("responses", expectedItems: 64, maxItems: MaxAggregationsPerPage, hasAggregationType: true,
        AggregationReader.Read, (item, requestId, aggregationType) => item with { RequestId = requestId, AggregationType = aggregationType });

    /// <summary><c>ListImageScanFindings</c>: requestId, nextToken and findings[] (see <see cref="FindingReader"/>).</summary>
    public static readonly PageReader<ScanFinding> Findings = new("findings", expectedItems: 25, maxItems: MaxSizedPage, hasAggregationType: false,
        (ref Utf8JsonReader reader, string? requestId, string? _) => FindingReader.Read(ref reader, requestId),
        (item, requestId, _) => item with { RequestId = requestId });

    /// <summary><c>ListImagePipelineImages</c> and <c>ListImageBuildVersions</c> (both take <c>maxResults</c>): requestId, nextToken and imageSummaryList[] (see <see cref="ImageReader.ReadSummary"/>).</summary>
    public static readonly PageReader<ImageSummary> ImageSummaries = new("imageSummaryList", expectedItems: 25, maxItems: MaxSizedPage, hasAggregationType: false,
        (ref Utf8JsonReader reader, string? requestId, string? _) => ImageReader.ReadSummary(ref reader, requestId),
        (item, requestId, _) => item with { RequestId = requestId });
}
