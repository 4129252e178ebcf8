namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// An image's scan cannot answer the question: it did not complete, scanning is off, or there is no
/// build to compare with. Its findings are not an empty list to decide on.
/// </summary>
public sealed class ScanStateException : ImageBuilderScanException
{
    public ScanStateException(string errorId, string imageBuildVersionArn, string message) : base(message)
    {
        ErrorId = errorId;
        ImageBuildVersionArn = imageBuildVersionArn;
    }

    public override string ErrorId { get; }
    public string ImageBuildVersionArn { get; }
    public override ScanErrorCategory Category => ScanErrorCategory.ResourceUnavailable;
}
