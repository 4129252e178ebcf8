using System.Diagnostics.CodeAnalysis;
using System.Management.Automation;
using ImageBuilderScan.Engine;
using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Hosting;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// What both cmdlets share: the AWS parameters (AWS Tools' names and aliases), one engine client per
/// command, the cancellation token cancelled by Ctrl+C, and the glue that writes engine events on
/// the pipeline thread. No decisions live here beyond mapping; they live in Engine.Hosting.
/// </summary>
public abstract class ScanCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PipelinePump? _pump;
    private ImageBuilderScanClient? _client;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    public string? ProfileName { get; set; }

    [Parameter]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    [ValidateNotNullOrEmpty]
    public string? ProfileLocation { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AccessKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SecretKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionToken { get; set; }

    /// <summary>An AWS Tools AWSCredentials object (e.g. from Get-AWSCredential); read by shape, not type.</summary>
    [Parameter]
    [ValidateNotNull]
    public PSObject? Credential { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    [Parameter]
    [ValidateRange(1, 20)]
    public int MaxAttempts { get; set; }

    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; }

    [Parameter]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    /// <summary>Resume from a token printed by a failed run or stored by -NextTokenVariable.</summary>
    [Parameter]
    [ValidateLength(1, 65535)]
    public string? NextToken { get; set; }

    /// <summary>Return one page only; its next token goes to -NextTokenVariable.</summary>
    [Parameter]
    public SwitchParameter NoAutoPage { get; set; }

    /// <summary>
    /// The name of a variable (in the caller's scope, without '$') that receives the token of the next
    /// page after each input: the page's token with -NoAutoPage, $null when everything was listed,
    /// the resume token when a listing failed part way.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NextTokenVariable { get; set; }

    protected ImageBuilderScanClient Client => _client ?? throw new InvalidOperationException("BeginProcessing did not run.");

    protected CancellationToken StopToken => _stop.Token;

    protected override void BeginProcessing()
    {
        _pump = new PipelinePump();
        var parameters = new ConnectionParameters
        {
            Region = Region,
            ProfileName = ProfileName,
            ProfileLocation = ProfileLocation,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            SessionToken = SessionToken,
            Credential = Credential?.BaseObject,
            EndpointUrl = EndpointUrl,
            MaxAttempts = MaxAttempts > 0 ? MaxAttempts : null,
            TimeoutSec = TimeoutSec > 0 ? TimeoutSec : null,
            AllowInsecureEndpoint = AllowInsecureEndpoint.IsPresent,
            // AWS Tools' session defaults, usually unset ($null): PSObject.AsPSObject(null) throws.
            StoredRegion = Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")),
            StoredCredentials = Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")),
        };
        try
        {
            // The engine already logs region, endpoint, credential source and attempts in one line.
            _client = ImageBuilderScanClient.Create(parameters.ToOptions(_pump));
        }
        catch (Exception error) when (!ScanErrorDescription.IsStop(error, StopToken))
        {
            WriteLogs(_pump.DrainLogs());
            // A client that cannot be built can never serve any input: stop the command.
            var description = ScanErrorDescription.From(error);
            ThrowTerminatingError(ToRecord(description, error, targetObject: null));
        }

        WriteLogs(_pump.DrainLogs());
    }

    /// <summary>
    /// Opens and streams a listing (input refused by the engine becomes an error for this input, not a stop): each item is written as it arrives, log lines on the pipeline thread.
    /// Returns the failure's description (already written as an error record), or null on success.
    /// </summary>
    protected ScanErrorDescription? Stream<T>(Func<IAsyncEnumerable<T>> open, object? targetObject, Action<T> write)
    {
        try
        {
            foreach (var e in _pump!.Run(open, StopToken))
            {
                switch (e.Kind)
                {
                    case ScanEventKind.Item: write(e.Item!); break;
                    case ScanEventKind.Failed: return ReportFailure(e.Error!, targetObject);
                    default: WriteLog(e.Kind, e.Message!); break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        return null;
    }

    /// <summary>
    /// Lists every page, or only the first with -NoAutoPage, writing the items of each page as it
    /// arrives, then sets -NextTokenVariable. Pages, not items, cross from the thread pool to the
    /// pipeline thread (one hand-over per page); a downstream stop (Select-Object -First) still ends
    /// the listing before the next request, since the next page is asked for only after this one
    /// was written.
    /// </summary>
    protected void ListPages<T>(Func<IAsyncEnumerable<ScanPage<T>>> allPages, Func<IAsyncEnumerable<ScanPage<T>>> firstPage,
        object? targetObject, string itemsName, Func<T, bool>? keep = null)
    {
        ScanPage<T>? last = null;
        var failure = Stream(NoAutoPage.IsPresent ? firstPage : allPages, targetObject, page =>
        {
            last = page;
            foreach (var item in page.Items)
            {
                if (keep is null || keep(item)) WriteObject(item);
            }
        });
        if (failure is not null) return;
        if (NoAutoPage.IsPresent && last is not null)
        {
            WriteVerbose($"Page of {last.Items.Count} {itemsName}; {(last.NextToken is null ? "no more pages" : "more pages: resume with -NextToken")}.");
        }

        SetNextToken(NoAutoPage.IsPresent ? last?.NextToken : null);
    }

    /// <summary>
    /// Builds a query from piped input; input that cannot become a query is reported as an error for
    /// that input (with the input as target) and the command goes on with the next.
    /// </summary>
    protected bool TryBuildQuery<TQuery>(Func<TQuery> build, object? targetObject, [MaybeNullWhen(false)] out TQuery query)
    {
        try
        {
            query = build();
            return true;
        }
        catch (ImageBuilderScanException error)
        {
            ReportFailure(error, targetObject);
            query = default;
            return false;
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    /// <summary>Sets -NextTokenVariable in the caller's scope, when the caller named one.</summary>
    protected void SetNextToken(string? token)
    {
        if (NextTokenVariable is { } name) SessionState.PSVariable.Set(name, token);
    }

    private ScanErrorDescription ReportFailure(Exception error, object? targetObject)
    {
        if (ScanErrorDescription.IsStop(error, StopToken)) throw new PipelineStoppedException();
        var description = ScanErrorDescription.From(error);
        var record = ToRecord(description, error, targetObject);
        if (description.StopsCommand) ThrowTerminatingError(record);
        SetNextToken(description.ResumeToken);
        WriteError(record);
        return description;
    }

    protected static ErrorRecord ToRecord(ScanErrorDescription description, Exception error, object? targetObject)
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
        _ => ErrorCategory.NotSpecified,
    };

    private void WriteLogs(IEnumerable<ScanEvent<object>> events)
    {
        foreach (var e in events) WriteLog(e.Kind, e.Message!);
    }

    private void WriteLog(ScanEventKind kind, string message)
    {
        switch (kind)
        {
            case ScanEventKind.Warning: WriteWarning(message); break;
            case ScanEventKind.Debug: WriteDebug(message); break;
            default: WriteVerbose(message); break;
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    protected override void EndProcessing() => DisposeClient();

    public void Dispose()
    {
        DisposeClient();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private void DisposeClient()
    {
        _client?.Dispose();
        _client = null;
    }
}
