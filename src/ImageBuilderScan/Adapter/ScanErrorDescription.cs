using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// How one failure is shown to a PowerShell user: the cmdlet turns this into an ErrorRecord
/// (non-terminating unless <see cref="StopsCommand"/>) without any logic of its own.
/// </summary>
/// <param name="ErrorId">The record's error id (the FullyQualifiedErrorId's first part).</param>
/// <param name="Category">Mapped one to one onto PowerShell's ErrorCategory by name.</param>
/// <param name="Message">The error message; never holds a secret.</param>
/// <param name="RecommendedAction">How to resume, when a listing failed part way; else null.</param>
/// <param name="ResumeToken">The token to resume from, or null.</param>
/// <param name="StopsCommand">True when no later input can succeed (no region, no credentials).</param>
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
                $"{error.GetType().Name}: {error.Message}", null, null, false);
        }

        var token = scan.Resume?.NextToken;
        return new ScanErrorDescription(scan.ErrorId, scan.Category, scan.Message,
            ResumeAdvice(scan.Resume) ?? ParameterAdvice(scan), token, scan.IsFatalConfiguration);
    }

    /// <summary>
    /// The next step in this module's parameter names, for what the engine reports in its own terms
    /// (it knows options and query members, not cmdlet parameters).
    /// </summary>
    private static string? ParameterAdvice(ImageBuilderScanException error) => error switch
    {
        ScanInputException { ConflictsWith: nameof(Engine.Queries.ListingQuery.FirstPageOnly) } input =>
            $"Drop -NoAutoPage to list every page, or give fewer values of -{input.ParameterName}.",
        { ErrorId: "NoRegion" } => "Give -Region, run Set-DefaultAWSRegion, set AWS_REGION, or set a region in the AWS profile.",
        { ErrorId: "NoCredentials" } =>
            "Give -AccessKey/-SecretKey, -Credential or -ProfileName, run Set-AWSCredential, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or run where container or instance credentials are available.",
        { ErrorId: "IncompleteCredentials" } => "Give -AccessKey and -SecretKey together.",
        _ => null,
    };

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

    /// <summary>"Resume with -NextToken '...'" plus the values still to ask, so a CI log says how to go on.</summary>
    public static string? ResumeAdvice(ResumePoint? resume)
    {
        if (resume is null) return null;
        var parts = new List<string>();
        if (resume.NextToken is not null)
        {
            var forValues = resume.FilterValues.Count > 0 ? $" for {string.Join(", ", resume.FilterValues)}" : string.Empty;
            parts.Add($"Resume with -NextToken '{resume.NextToken}'{forValues}.");
        }
        else if (resume.FilterValues.Count > 0)
        {
            parts.Add($"Ask again for {string.Join(", ", resume.FilterValues)}.");
        }

        if (resume.RemainingValues.Count > 0)
        {
            parts.Add($"Not yet asked: {string.Join(", ", resume.RemainingValues)}.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
