using System.Text.Json;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImagePipelineImages</c>: <c>imagePipelineArn</c>, <c>maxResults</c>, <c>nextToken</c>.</summary>
internal sealed class ListPipelineImagesRequest(string imagePipelineArn, int? maxResults, string? nextToken)
    : ListingRequest<ImageSummary>(maxResults, nextToken)
{
    public string ImagePipelineArn { get; } = imagePipelineArn;

    public override string Operation => ListingOperation.PipelineImages.Name;

    public override ResponseReader<ScanPage<ImageSummary>> Reader => PageReaders.ImageSummaries;

    protected override void WriteSelection(Utf8JsonWriter writer)
        => writer.WriteString("imagePipelineArn"u8, ImagePipelineArn);
}
