using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Adapter;

/// <summary>Turns a <see cref="ScanErrorDescription"/> into PowerShell's ErrorRecord: id, category, the input as target, advice.</summary>
internal static class ErrorRecords
{
    /// <summary>The record of a failure not yet described (see <see cref="ScanErrorDescription.From"/>).</summary>
    public static ErrorRecord From(Exception error, object? targetObject) => From(ScanErrorDescription.From(error), error, targetObject);

    public static ErrorRecord From(ScanErrorDescription description, Exception error, object? targetObject)
    {
        var exception = error is ImageBuilderScanException ? error : new InvalidOperationException(description.Message, error);
        var record = new ErrorRecord(exception, description.ErrorId, MapCategory(description.Category), targetObject);
        if (description.RecommendedAction is { } action)
        {
            record.ErrorDetails = new ErrorDetails(description.Message) { RecommendedAction = action };
        }

        return record;
    }

    private static ErrorCategory MapCategory(ScanErrorCategory category) => category switch
    {
        ScanErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        ScanErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        ScanErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
        ScanErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ScanErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
        ScanErrorCategory.InvalidData => ErrorCategory.InvalidData,
        ScanErrorCategory.InvalidOperation => ErrorCategory.InvalidOperation,
        ScanErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
        ScanErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
        ScanErrorCategory.SecurityError => ErrorCategory.SecurityError,
        _ => ErrorCategory.NotSpecified,
    };
}
