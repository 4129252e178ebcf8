namespace ImageBuilderScan.Client.Operations;

/// <summary><c>GET /GetImage?imageBuildVersionArn=...</c>: one image, read for its scan state.</summary>
internal sealed class GetImageRequest(string imageBuildVersionArn) : ImageBuilderRequest<ImageScanState>
{
    public string ImageBuildVersionArn { get; } = imageBuildVersionArn;

    public override string Operation => "GetImage";

    public override string HttpMethod => "GET";

    public override IEnumerable<KeyValuePair<string, string>> QueryParameters => [new("imageBuildVersionArn", ImageBuildVersionArn)];

    public override ResponseReader<ImageScanState> Reader => ImageReader.Instance;
}
