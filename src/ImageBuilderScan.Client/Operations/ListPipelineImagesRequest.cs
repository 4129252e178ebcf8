using System.Text.Json;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImagePipelineImages</c>: <c>imagePipelineArn</c>, <c>maxResults</c>, <c>nextToken</c>.</summary>
internal sealed class ListPipelineImagesRequest(string imagePipelineArn, int? maxResults, string? nextToken)
    : ListingRequest<ImageSummary>(maxResults, nextToken)
{
    public string ImagePipelineArn { get; } = imagePipelineArn;

    public override string Operation => "ListImagePipelineImages";

    public override ResponseReader<WirePage<ImageSummary>> Reader => PageReaders.ImageSummaries;

    protected override void WriteSelection(Utf8JsonWriter writer)
        => writer.WriteString("imagePipelineArn"u8, ImagePipelineArn);
}
