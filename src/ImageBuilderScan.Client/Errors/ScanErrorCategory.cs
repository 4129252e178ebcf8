namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// How a failure should be reported. Mirrors the PowerShell ErrorCategory values the module uses,
/// without the engine referencing PowerShell.
/// </summary>
public enum ScanErrorCategory
{
    NotSpecified = 0,
    InvalidArgument,
    PermissionDenied,
    LimitsExceeded,
    ResourceUnavailable,
    ConnectionError,
    InvalidData,
    InvalidOperation,
    AuthenticationError,
    OperationTimeout,
    /// <summary>A security decision went against the input (a failed scan gate).</summary>
    SecurityError,
}
