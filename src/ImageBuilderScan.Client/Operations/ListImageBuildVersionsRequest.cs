using System.Text.Json;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImageBuildVersions</c>: <c>imageVersionArn</c>, <c>maxResults</c>, <c>nextToken</c>; answered with image summaries.</summary>
internal sealed class ListImageBuildVersionsRequest(string imageVersionArn, int? maxResults, string? nextToken)
    : ListingRequest<ImageSummary>(maxResults, nextToken)
{
    public string ImageVersionArn { get; } = imageVersionArn;

    public override string Operation => "ListImageBuildVersions";

    public override ResponseReader<WirePage<ImageSummary>> Reader => PageReaders.ImageSummaries;

    protected override void WriteSelection(Utf8JsonWriter writer)
        => writer.WriteString("imageVersionArn"u8, ImageVersionArn);
}
