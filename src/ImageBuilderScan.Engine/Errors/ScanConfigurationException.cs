namespace ImageBuilderScan.Engine.Errors;

/// <summary>A configuration that can never work: no region, no credentials, a refused endpoint.</summary>
public sealed class ScanConfigurationException : ImageBuilderScanException
{
    public ScanConfigurationException(string errorId, string message, Exception? inner = null) : base(message, inner)
        => ErrorId = errorId;

    public override string ErrorId { get; }
    public override ScanErrorCategory Category => ScanErrorCategory.InvalidOperation;
    public override bool IsFatalConfiguration => true;
}
