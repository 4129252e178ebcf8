using System.Text.Json;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImageBuildVersions</c>: <c>imageVersionArn</c>, <c>maxResults</c>, <c>nextToken</c>; answered with image summaries.</summary>
internal sealed class ListImageBuildVersionsRequest(string imageVersionArn, int? maxResults, string? nextToken)
    : ListingRequest<ImageSummary>(maxResults, nextToken)
{
    public string ImageVersionArn { get; } = imageVersionArn;

    public override string Operation => ListingOperation.ImageBuildVersions.Name;

    public override ResponseReader<ScanPage<ImageSummary>> Reader => PageReaders.ImageSummaries;

    protected override void WriteSelection(Utf8JsonWriter writer)
        => writer.WriteString("imageVersionArn"u8, ImageVersionArn);
}
