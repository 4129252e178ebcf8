using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// How one failure is shown to a PowerShell user: the cmdlet turns this into an ErrorRecord
/// (non-terminating unless <see cref="StopsCommand"/>) without any logic of its own.
/// </summary>
/// <param name="ErrorId">The record's error id (the FullyQualifiedErrorId's first part).</param>
/// <param name="Category">Mapped one to one onto PowerShell's ErrorCategory by name.</param>
/// <param name="Message">The error message; never holds a secret.</param>
/// <param name="RecommendedAction">The one useful next step (see <see cref="ErrorAdvice"/>), or null.</param>
/// <param name="ResumeToken">The whole token to resume from (for -NextTokenVariable), or null; never a token the service refused.</param>
/// <param name="StopsCommand">True for a configuration that cannot serve the command (no credentials; no region for a
/// query that names none): it stops rather than half-run, even where a later input by ARN would have had its region.</param>
internal sealed record ScanErrorDescription(
    string ErrorId,
    ScanErrorCategory Category,
    string Message,
    string? RecommendedAction,
    string? ResumeToken,
    bool StopsCommand)
{
    /// <summary>Describes an exception that ended a listing (anything but a cancellation).</summary>
    public static ScanErrorDescription From(Exception error)
    {
        if (error is AggregateException { InnerExceptions.Count: 1 } aggregate) error = aggregate.InnerExceptions[0];
        if (error is not ImageBuilderScanException scan)
        {
            // A defect or an unforeseen runtime failure: still one record per input, never a crash.
            return new ScanErrorDescription("UnexpectedError", ScanErrorCategory.NotSpecified,
                SecretRedaction.ForOutput($"{error.GetType().Name}: {error.Message}"), null, null, false);
        }

        // A refused token is no place to resume from: -NextTokenVariable must not hand it back either.
        var token = scan is InvalidPaginationTokenException ? null : scan.Resume?.NextToken;
        return new ScanErrorDescription(scan.ErrorId, scan.Category, scan.Message, ErrorAdvice.For(scan), token, scan.IsFatalConfiguration);
    }

    /// <summary>
    /// True when a failure means the command was stopped (Ctrl+C, <c>PowerShell.Stop()</c>): a
    /// cancellation while the command's own stop token is cancelled. A cancellation nobody asked
    /// for (a timeout that surfaced as <see cref="OperationCanceledException"/>) is a failure to
    /// report: taken for a stop, the cmdlet would throw PipelineStoppedException, which ends the
    /// whole pipeline without any error record, and a CI gate would pass on a missing count.
    /// </summary>
    public static bool IsStop(Exception error, CancellationToken stop) => stop.IsCancellationRequested && IsCancellation(error);

    /// <summary>True when the exception is a cancellation (whoever caused it); see <see cref="IsStop"/>.</summary>
    public static bool IsCancellation(Exception error) =>
        error is OperationCanceledException ||
        error is AggregateException { InnerExceptions.Count: 1 } a && a.InnerExceptions[0] is OperationCanceledException;
}
