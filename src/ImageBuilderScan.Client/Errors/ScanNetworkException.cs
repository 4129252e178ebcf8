namespace ImageBuilderScan.Client.Errors;

/// <summary>The request did not complete: connection refused or dropped, timeout, truncated body.</summary>
public sealed class ScanNetworkException : ImageBuilderScanException
{
    public ScanNetworkException(string message, bool timedOut, Exception? inner = null) : base(message, inner)
        => TimedOut = timedOut;

    public bool TimedOut { get; }

    /// <summary>
    /// True when no connection to the endpoint could be made at all (refused, no such host, unreachable):
    /// the endpoint or the network is wrong, not the moment. False when a connection was made and lost.
    /// </summary>
    public bool Unreachable { get; init; }

    /// <summary>The endpoint the request went to, when known (no user info, never a secret).</summary>
    public string? Endpoint { get; init; }

    public override string ErrorId => TimedOut ? "RequestTimeout" : "NetworkError";
    public override ScanErrorCategory Category => TimedOut ? ScanErrorCategory.OperationTimeout : ScanErrorCategory.ConnectionError;
}
