using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Engine.Fleet;

namespace ImageBuilderScan.Commands;

/// <summary>
/// What every command that talks to Image Builder shares: the AWS parameters (AWS Tools' names and
/// aliases) and what they become, one engine client per command (or, with several regions or accounts, the
/// targets of a fan-out), released when the command ends. The stop is <see cref="CancellableCmdlet"/>'s; the
/// paging parameters are <see cref="ListingCmdlet"/>'s.
/// </summary>
/// <remarks>
/// A partial of two parts, one purpose each: this file turns parameters into clients; AwsCmdlet.Streaming.cs
/// carries engine work, log lines, progress and failures onto the pipeline thread. Both need the cmdlet itself
/// (WriteObject, WriteError, session state), and a helper that took the cmdlet and called back into it is what the
/// anchors warn against; together they would be one file of some 290 lines.
/// </remarks>
public abstract partial class AwsCmdlet : CancellableCmdlet
{
    private ImageBuilderScanClient? _client;
    private IReadOnlyList<FleetTarget>? _fleet;
    private FleetTarget? _target;
    private readonly Dictionary<FleetTarget, ImageBuilderScanClient> _targetClients = [];
    private readonly NamedOnce _named = new();

    /// <summary>One region, or several: every listing then runs in each (times each account). RegionToCall is AWS Tools' alias.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public string[]? Region { get; set; }

    /// <summary>One profile, or several (one account each): every listing then runs with each.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string[]? ProfileName { get; set; }

    /// <summary>Roles to assume in member accounts with the caller's credentials: every listing then runs in each account.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string[]? RoleArn { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? ExternalId { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? RoleSessionName { get; set; }

    /// <summary>
    /// How many targets (region x account) run at once, and within each how many builds (gate, comparison) or chains
    /// of values (a listing over several values) are read at once; 10 by default (see FleetRunner.DefaultThrottleLimit). Output keeps the input order.
    /// </summary>
    [Parameter, ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = FleetRunner.DefaultThrottleLimit;

    [Parameter, ValidateNotNullOrEmpty]
    [Alias("AWSProfilesLocation", "ProfilesLocation")]
    public string? ProfileLocation { get; set; }

    // The key parameters carry AWS Tools' aliases (AWSCommonArgumentsCmdlet): besides habit, the exact
    // alias -ST keeps the token from resolving, by prefix, to -StoredCredentials (a profile name that
    // an error would print). CredentialPrefixTests checks every prefix of every name and alias.
    // Unlike AWS Tools they never bind from the pipeline: a piped object is a key to list (PipedInput),
    // and a piped finding's Region or an object's SecretKey property must not re-target the command.
    [Parameter, ValidateNotNullOrEmpty]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    /// <summary>
    /// An AWS Tools AWSCredentials object (e.g. from Get-AWSCredential), read by shape, not type; or a
    /// PSCredential (Get-Credential) with the access key as user name and the secret key as password.
    /// </summary>
    [Parameter, ValidateNotNull]
    public PSObject? Credential { get; set; }

    [Parameter, ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

    [Parameter, ValidateRange(1, 20)]
    public int MaxAttempts { get; set; }

    [Parameter, ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; }

    [Parameter]
    public SwitchParameter AllowInsecureEndpoint { get; set; }

    private protected ImageBuilderScanClient Client => _client ?? throw new InvalidOperationException("BeginProcessing did not run, or the command fans out.");

    /// <summary>The targets when the command fans out over several regions or accounts; null for one.</summary>
    private protected IReadOnlyList<FleetTarget>? Fleet => _fleet;

    protected override void BeginProcessing()
    {
        _pump.BindToCurrentThread();
        var log = Log;
        try
        {
            var options = new ScanClientOptions
            {
                Region = Region is [var one] ? one : null,
                ProfileName = ProfileName is [var only] ? only : null,
                ProfileLocation = ProfileLocation,
                AccessKey = AccessKey,
                SecretKey = SecretKey,
                SessionToken = SessionToken,
                EndpointUrl = EndpointUrl,
                MaxAttempts = MaxAttempts > 0 ? MaxAttempts : null,
                RequestTimeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null,
                AllowInsecureEndpoint = AllowInsecureEndpoint.IsPresent,
                ExternalId = ExternalId,
                RoleSessionName = RoleSessionName,
                // Within one command too: chains of a listing's values, builds of a gate or comparison.
                Concurrency = ThrottleLimit,
                Log = log,
                // A profile with mfa_serial: the code is asked for through this host, on the pipeline thread.
                Mfa = HostMfaPrompt.For(Host, _pump, StopToken),
            };
            // AWS Tools' session defaults, usually unset ($null): PSObject.AsPSObject(null) throws.
            options = AwsToolsSession.Apply(options, Credential?.BaseObject,
                Unwrap(SessionState.PSVariable.GetValue("StoredAWSRegion")),
                Unwrap(SessionState.PSVariable.GetValue("StoredAWSCredentials")), log);
            var targets = FleetPlan.Targets(options, Region ?? [], RoleArn ?? [], ProfileName is { Length: > 1 } profiles ? profiles : []);
            if (targets.Count > 1)
            {
                // Clients are made per target as the fan-out reaches it; a target that cannot have one fails alone.
                _fleet = targets;
                WriteDetail($"{targets.Count} targets (regions x accounts), at most {ThrottleLimit} at once: {string.Join(", ", targets.Select(t => t.Label))}.");
            }
            else
            {
                // The engine already logs region, endpoint, credential source and attempts in one line.
                _client = ImageBuilderScanClient.Create(targets[0].Options);
                _target = FleetPlan.Resolved(targets[0], _client.Connection.Region);
            }
        }
        catch (Exception error) when (!ScanErrorDescription.IsStop(error, StopToken))
        {
            WriteLogs();
            // A client that cannot be built can never serve any input: stop the command.
            Terminate(ErrorRecords.From(error, targetObject: null));
        }

        WriteLogs();
    }

    /// <summary>
    /// Writes one result under its stable type name with the target that produced it (<see cref="OutputObjects"/>):
    /// <paramref name="target"/> when the caller knows it (a fan-out's page), else the target serving
    /// <paramref name="arn"/>, else the command's one target.
    /// </summary>
    private protected void WriteResult(object item, FleetTarget? target = null, string? arn = null) =>
        WriteObject(OutputObjects.Wrap(item, (target ?? TargetOf(arn))?.Label));

    private FleetTarget? TargetOf(string? arn)
    {
        if (_fleet is null || arn is null) return _target;
        try
        {
            return FleetPlan.TargetFor(_fleet, arn);
        }
        catch (Client.Errors.ScanInputException)
        {
            // Not reached for a result (its build was served by a target); the label is left out rather than guessed.
            return null;
        }
    }

    /// <summary>
    /// Whether this command is given <paramref name="value"/> for the first time (<see cref="NamedOnce"/>: each name is
    /// acted on once per command); a repeat is said in -Verbose and left out.
    /// </summary>
    private protected bool FirstTime(string value, string? kind = null)
    {
        if (_named.First(value, kind, out var repeat)) return true;
        WriteDetail(repeat);
        return false;
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

    protected override void EndProcessing() => DisposeClient();

    private protected override void Release() => DisposeClient();

    /// <summary>
    /// The client for one image or pipeline ARN: the command's own, or, when it fans out, the target's
    /// whose region and account are the ARN's (made once per target and kept for the command).
    /// </summary>
    /// <exception cref="Client.Errors.ScanInputException">No target covers the ARN's region and account.</exception>
    private protected ImageBuilderScanClient ClientFor(string arn)
    {
        if (_fleet is null) return Client;
        var target = FleetPlan.TargetFor(_fleet, arn);
        lock (_targetClients)
        {
            if (!_targetClients.TryGetValue(target, out var client))
                _targetClients[target] = client = ImageBuilderScanClient.Create(target.Options with { Log = Log });
            return client;
        }
    }

    private void DisposeClient()
    {
        _client?.Dispose();
        _client = null;
        lock (_targetClients)
        {
            foreach (var client in _targetClients.Values) client.Dispose();
            _targetClients.Clear();
        }
    }
}
