namespace ImageBuilderScan.Client.Errors;

/// <summary>A configuration that can never work: no region, no credentials, a refused endpoint.</summary>
public sealed class ScanConfigurationException : ImageBuilderScanException
{
    public ScanConfigurationException(string errorId, string message, Exception? inner = null,
        ScanErrorCategory category = ScanErrorCategory.InvalidOperation) : base(message, inner)
        => (ErrorId, Category) = (errorId, category);

    public override string ErrorId { get; }

    /// <summary>InvalidOperation (what is configured cannot work), or PermissionDenied where a service refused the caller (403).</summary>
    public override ScanErrorCategory Category { get; }
    public override bool IsFatalConfiguration => true;
}
