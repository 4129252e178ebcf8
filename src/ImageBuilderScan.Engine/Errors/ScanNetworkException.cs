namespace ImageBuilderScan.Engine.Errors;

/// <summary>The request did not complete: connection refused or dropped, timeout, truncated body.</summary>
public sealed class ScanNetworkException : ImageBuilderScanException
{
    public ScanNetworkException(string message, bool timedOut, Exception? inner = null) : base(message, inner)
        => TimedOut = timedOut;

    public bool TimedOut { get; }
    public override string ErrorId => TimedOut ? "RequestTimeout" : "NetworkError";
    public override ScanErrorCategory Category => TimedOut ? ScanErrorCategory.OperationTimeout : ScanErrorCategory.ConnectionError;
}
