namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// The service answered, but with something that cannot be trusted: a malformed body, counts that
/// contradict each other, or the same next token twice. Nothing from that page is emitted.
/// </summary>
public sealed class ScanProtocolException : ImageBuilderScanException
{
    public ScanProtocolException(string errorId, string message, string? requestId = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        RequestId = requestId;
    }

    public override string ErrorId { get; }
    public string? RequestId { get; }
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidData;
}
