using System.Text.Json;
using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary><c>POST /ListImagePipelineImages</c>: <c>imagePipelineArn</c>, <c>maxResults</c>, <c>nextToken</c>.</summary>
internal sealed class ListPipelineImagesRequest(string imagePipelineArn, int? maxResults, string? nextToken)
    : ImageBuilderRequest<WirePage<ImageSummary>>
{
    public string ImagePipelineArn { get; } = imagePipelineArn;
    public int? MaxResults { get; } = maxResults;
    public string? NextToken { get; } = nextToken;

    public override string Operation => "ListImagePipelineImages";

    public override ResponseReader<WirePage<ImageSummary>> Reader => PipelineImagesPageReader.Instance;

    public override void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteString("imagePipelineArn"u8, ImagePipelineArn);
        if (MaxResults is int maxResults) writer.WriteNumber("maxResults"u8, maxResults);
        if (NextToken is not null) writer.WriteString("nextToken"u8, NextToken);
    }
}
