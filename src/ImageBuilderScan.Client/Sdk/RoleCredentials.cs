using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// An assumed role's credentials (an assume-role profile's, or a role named in the options for a
/// member account): AssumeRole on our own STS client, signed with the source credentials.
/// The SDK's <see cref="AssumeRoleAWSCredentials"/> asks the dependency registry for its STS client, but the
/// registry's factory is given only a region and a proxy, never the source credentials, so the client we
/// register (see <see cref="SdkDependencies"/>) is anonymous and AWS refuses its unsigned AssumeRole. The
/// profile itself (role_arn, source_profile or credential_source, external_id, duration, session name) is
/// still read by the SDK; only the call is ours. The STS client honours the standard endpoint settings
/// (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, a profile's services section), as any SDK client does.
/// A profile with <c>mfa_serial</c> gets its code from the command's <see cref="MfaSession"/> right before each AssumeRole
/// (the SDK cannot ask anyone: with no callback of ours it failed with "Error calling AssumeRole").
/// </summary>
/// <remarks>
/// Not the SDK's RefreshingAWSCredentials: with it, concurrent first calls each assumed the role and a
/// request was seen signed with one set's key and another's session token. Here one lock serves the
/// sync and async paths, so every caller gets the same complete set until it is due for renewal.
/// </remarks>
internal sealed class RoleCredentials : AWSCredentials
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private readonly TimeSpan _preempt;
    private ImmutableCredentials? _current;
    private DateTime _expiresUtc;

    private readonly AWSCredentials _source;
    private readonly AssumeRoleAWSCredentials _role;
    private readonly string _who;
    private readonly RegionEndpoint _region;
    private readonly IClientConfig? _like;
    private readonly MfaSession? _mfa;
    private readonly string? _mfaSerial;

    /// <param name="who">Who asked for the role, for errors: "the profile 'dev'", "the caller".</param>
    /// <param name="like">The Image Builder client's settings, whose timeout and attempts AssumeRole follows (-TimeoutSec, -MaxAttempts).</param>
    /// <param name="mfa">Asks for the code of a profile with mfa_serial; null: nobody can be asked (such a profile fails here, before any request).</param>
    /// <exception cref="ScanConfigurationException">The role needs an MFA code and <paramref name="mfa"/> is null.</exception>
    private RoleCredentials(AssumeRoleAWSCredentials role, string who, RegionEndpoint region, IClientConfig? like, MfaSession? mfa, int? durationSeconds = null)
    {
        _role = role;
        _who = who;
        _region = region;
        _like = like;
        _mfa = mfa;
        _mfaSerial = string.IsNullOrWhiteSpace(role.Options?.MfaSerialNumber) ? null : role.Options.MfaSerialNumber.Trim();
        if (_mfaSerial is not null && mfa is null) throw MfaUnavailable(_mfaSerial);
        // A role chain (source_profile naming another role profile) assumes each role in turn, all with our client.
        _source = Wrap(role.SourceCredentials, who, region, like, mfa);
        // As the SDK does: refresh well before expiry so no request is signed with credentials about to lapse
        // (a third of a session shorter than 45 minutes, so a short one is not refreshed on every request).
        _preempt = durationSeconds is int seconds ? TimeSpan.FromSeconds(Math.Min(900, seconds / 3.0)) : TimeSpan.FromMinutes(15);
    }

    public string RoleArn => _role.RoleArn;

    /// <summary>Whether this role, or one it is assumed with, needs an MFA code (so a person is asked).</summary>
    public bool RequiresMfa => _mfaSerial is not null || _source is RoleCredentials { RequiresMfa: true };

    /// <summary>Whether the SDK's assume-role credentials, or a role they are assumed with, name an MFA device.</summary>
    public static bool NamesMfa(AWSCredentials credentials) => credentials is AssumeRoleAWSCredentials role
        && (!string.IsNullOrWhiteSpace(role.Options?.MfaSerialNumber) || NamesMfa(role.SourceCredentials));

    /// <summary>Replaces the SDK's assume-role credentials by ours; anything else is returned unchanged.</summary>
    /// <exception cref="ScanConfigurationException">A role needs an MFA code and <paramref name="mfa"/> is null.</exception>
    public static AWSCredentials Wrap(AWSCredentials credentials, string who, RegionEndpoint region, IClientConfig? like, MfaSession? mfa) =>
        credentials is AssumeRoleAWSCredentials role ? new RoleCredentials(role, who, region, like, mfa) : credentials;

    /// <summary>The role <paramref name="roleArn"/> assumed with <paramref name="source"/>, refreshed before it expires.</summary>
    public static AWSCredentials Assume(AWSCredentials source, string roleArn, string? externalId, string sessionName, int? durationSeconds,
        RegionEndpoint region, IClientConfig? like) =>
        new RoleCredentials(new AssumeRoleAWSCredentials(source, roleArn, sessionName,
            new AssumeRoleAWSCredentialsOptions { ExternalId = externalId, DurationSeconds = durationSeconds }), "the caller", region, like, null, durationSeconds);

    public override ImmutableCredentials GetCredentials()
    {
        _renewal.Wait();
        try
        {
            if (Fresh() is { } current) return current;
            return Keep(Assume());
        }
        finally
        {
            _renewal.Release();
        }
    }

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        await _renewal.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Fresh() is { } current) return current;
            return Keep(await AssumeAsync().ConfigureAwait(false));
        }
        finally
        {
            _renewal.Release();
        }
    }

    private ImmutableCredentials? Fresh() => _current is not null && DateTime.UtcNow < _expiresUtc - _preempt ? _current : null;

    private ImmutableCredentials Keep(AssumeRoleImmutableCredentials credentials)
    {
        _current = credentials;
        _expiresUtc = credentials.Expiration.ToUniversalTime();
        return credentials;
    }

    private AssumeRoleImmutableCredentials Assume() =>
        // The send is synchronous, so the task is complete when it returns: nothing is blocked on.
        AssumingAsync(sts => Task.FromResult(sts.CredentialsFromAssumeRoleAuthentication(_role.RoleArn, _role.RoleSessionName, _role.Options)))
            .GetAwaiter().GetResult();

    private Task<AssumeRoleImmutableCredentials> AssumeAsync() =>
        AssumingAsync(sts => sts.CredentialsFromAssumeRoleAuthenticationAsync(_role.RoleArn, _role.RoleSessionName, _role.Options));

    /// <summary>One AssumeRole, sent the caller's way (<paramref name="send"/>): the MFA code asked right before it and
    /// forgotten after, a refusal and a network failure each said naming STS.</summary>
    private async Task<AssumeRoleImmutableCredentials> AssumingAsync(Func<ICoreAmazonSTS, Task<AssumeRoleImmutableCredentials>> send)
    {
        using var sts = CreateClient();
        AskMfaCode();
        try
        {
            return await send((ICoreAmazonSTS)sts).ConfigureAwait(false);
        }
        catch (AmazonClientException e) when (Refusal(e) is { } refusal)
        {
            throw Failed(refusal);
        }
        catch (Exception e) when (e is not ImageBuilderScanException)
        {
            // Unreachable or timed out: the message names STS's endpoint. Translated later, it would name Image Builder's
            // (the request whose signing asked for these credentials), which was never contacted.
            throw ErrorTranslator.Translate(e, CancellationToken.None, StsEndpoint(sts));
        }
        finally
        {
            ForgetMfaCode();
        }
    }

    // A code is good for one use and about 30 seconds: asked for right before the one AssumeRole that sends it (the
    // renewal lock is held, so concurrent callers wait for it), handed to the SDK only for that call, never kept or shown.
    private void AskMfaCode()
    {
        if (_mfaSerial is null) return;
        var code = _mfa!.Ask(new MfaChallenge(_who, _mfaSerial, _role.RoleArn))?.Trim() ?? throw MfaUnavailable(_mfaSerial);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            throw new ScanConfigurationException("InvalidMfaCode",
                $"The MFA code entered for {_who} is not the 6 digits the device {InputDisplay.Show(_mfaSerial)} (mfa_serial) shows. Nothing was sent; run the command again and enter the current code.");
        _role.Options.MfaTokenCodeCallback = () => code;
    }

    private void ForgetMfaCode()
    {
        if (_mfaSerial is not null) _role.Options.MfaTokenCodeCallback = null;
    }

    private ScanConfigurationException MfaUnavailable(string serial) => new("MfaCodeUnavailable",
        $"{Capitalized(_who)} assumes the role {_role.RoleArn} with MFA (mfa_serial {InputDisplay.Show(serial)}), and nobody can be asked for the code here: " +
        "the session is non-interactive (pwsh -NonInteractive, a job, CI) or its host cannot prompt. Nothing was sent. " +
        "Run the command in an interactive PowerShell to be asked for the code; or use credentials of an MFA-authenticated session " +
        $"(aws sts get-session-token --serial-number {InputDisplay.Show(serial)} --token-code <code>, then AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, " +
        "or -AccessKey, -SecretKey and -SessionToken); or a profile without mfa_serial.");

    private static string Capitalized(string text) => text.Length == 0 ? text : $"{char.ToUpperInvariant(text[0])}{text[1..]}";

    private static string? StsEndpoint(AmazonSecurityTokenServiceClient sts)
    {
        try
        {
            return sts.DetermineServiceOperationEndpoint(new Amazon.SecurityToken.Model.AssumeRoleRequest())?.URL;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }

    private AmazonSecurityTokenServiceClient CreateClient() => StsClients.Create(_source, _region, _role.Options?.ProxySettings ?? _like?.GetWebProxy(), _like);

    // The STS client wraps STS's answer in "Error calling AssumeRole"; the answer itself is what the user needs.
    private static AmazonServiceException? Refusal(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is AmazonServiceException service && (int)service.StatusCode >= 300) return service;
        return null;
    }

    // STS refusing the source credentials (or the role) can never succeed on retry: a configuration error that
    // names the profile and role, never a key. The message passes through redaction (a signature mismatch
    // echoes the canonical request).
    private ScanConfigurationException Failed(AmazonServiceException refusal) => new("AssumeRoleFailed",
        $"{Capitalized(_who)} could not assume the role {_role.RoleArn}: STS answered {refusal.ErrorCode} ({(int)refusal.StatusCode}): " +
        $"{SecretRedaction.ServiceMessage(refusal.Message)} " +
        (CredentialRefusal.Advice(refusal.ErrorCode, _region.SystemName)
         ?? (_mfaSerial is not null && (int)refusal.StatusCode == 403
             ? $"Enter the code the MFA device {InputDisplay.Show(_mfaSerial)} (mfa_serial) shows now (each code works once), and check that mfa_serial names your device."
             : null)
         ?? "Check the source credentials (a profile's source_profile or credential_source, or the caller's) and the role's trust policy."),
        category: (int)refusal.StatusCode == 403 ? ScanErrorCategory.PermissionDenied : ScanErrorCategory.InvalidOperation);
}
