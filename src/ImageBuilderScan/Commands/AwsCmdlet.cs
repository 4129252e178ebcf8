using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine;
using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Commands;

/// <summary>
/// What every command that talks to Image Builder shares: the AWS parameters (AWS Tools' names and
/// aliases), one engine client per command, and the stop token cancelled by Ctrl+C. Streaming and
/// error reporting are in AwsCmdlet.Streaming.cs; the paging parameters in <see cref="ListingCmdlet"/>.
/// </summary>
public abstract partial class AwsCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PipelinePump _pump = new();
    private ImageBuilderScanClient? _client;
    private IScanLog? _log;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string? Region { get; set; }

    [Parameter]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
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

    /// <summary>
    /// An AWS Tools AWSCredentials object (e.g. from Get-AWSCredential), read by shape, not type; or a
    /// PSCredential (Get-Credential) with the access key as user name and the secret key as password.
    /// </summary>
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

    private protected ImageBuilderScanClient Client => _client ?? throw new InvalidOperationException("BeginProcessing did not run.");

    private protected CancellationToken StopToken => _stop.Token;

    /// <summary>The engine's log for this command (its lines reach -Verbose/-Debug/warnings on the pipeline thread).</summary>
    private protected IScanLog Log => _log ??= _pump.CreateLog();

    protected override void BeginProcessing()
    {
        var log = Log;
        try
        {
            var options = new ScanClientOptions
            {
                Region = Region,
                ProfileName = ProfileName,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                MaxAttempts = MaxAttempts > 0 ? MaxAttempts : null,
                RequestTimeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null,
                AllowInsecureEndpoint = AllowInsecureEndpoint.IsPresent,
                Log = log,
            };
            // AWS Tools' session defaults, usually unset ($null): PSObject.AsPSObject(null) throws.
            options = AwsToolsSession.Apply(options, Credential?.BaseObject,
                Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")),
                Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")), log);
            // The engine already logs region, endpoint, credential source and attempts in one line.
            _client = ImageBuilderScanClient.Create(options);
        }
        catch (Exception error) when (!ScanErrorDescription.IsStop(error, StopToken))
        {
            WriteLogs();
            // A client that cannot be built can never serve any input: stop the command.
            Terminate(ErrorRecords.From(ScanErrorDescription.From(error), error, targetObject: null));
        }

        WriteLogs();
    }

    /// <summary>Ends the command with an error (ThrowTerminatingError: the statement ends, a script goes on).</summary>
    private protected virtual void Terminate(ErrorRecord record) => ThrowTerminatingError(record);

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

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
