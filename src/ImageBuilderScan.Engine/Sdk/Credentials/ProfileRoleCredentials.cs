using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.SharedInterfaces;
using Amazon.SecurityToken;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// An assume-role profile's credentials: AssumeRole on our own STS client, signed with the source credentials.
/// The SDK's <see cref="AssumeRoleAWSCredentials"/> asks the dependency registry for its STS client, but the
/// registry's factory is given only a region and a proxy, never the source credentials, so the client we
/// register (see <see cref="SdkDependencies"/>) is anonymous and AWS refuses its unsigned AssumeRole. The
/// profile itself (role_arn, source_profile or credential_source, external_id, duration, session name) is
/// still read by the SDK; only the call is ours. The STS client honours the standard endpoint settings
/// (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, a profile's services section), as any SDK client does.
/// </summary>
internal sealed class ProfileRoleCredentials : RefreshingAWSCredentials
{
    private readonly AWSCredentials _source;
    private readonly AssumeRoleAWSCredentials _role;
    private readonly string _profile;
    private readonly RegionEndpoint _region;

    private ProfileRoleCredentials(AssumeRoleAWSCredentials role, string profile, RegionEndpoint region)
    {
        _role = role;
        _profile = profile;
        _region = region;
        // A role chain (source_profile naming another role profile) assumes each role in turn, all with our client.
        _source = Wrap(role.SourceCredentials, profile, region);
        // As the SDK does: refresh well before expiry so no request is signed with credentials about to lapse.
        PreemptExpiryTime = TimeSpan.FromMinutes(15);
    }

    public string RoleArn => _role.RoleArn;

    /// <summary>Replaces the SDK's assume-role credentials by ours; anything else is returned unchanged.</summary>
    public static AWSCredentials Wrap(AWSCredentials credentials, string profile, RegionEndpoint region) =>
        credentials is AssumeRoleAWSCredentials role ? new ProfileRoleCredentials(role, profile, region) : credentials;

    protected override CredentialsRefreshState GenerateNewCredentials()
    {
        using var sts = CreateClient();
        try
        {
            var credentials = ((ICoreAmazonSTS)sts).CredentialsFromAssumeRoleAuthentication(_role.RoleArn, _role.RoleSessionName, _role.Options);
            return new CredentialsRefreshState(credentials, credentials.Expiration);
        }
        catch (AmazonClientException e) when (Refusal(e) is { } refusal)
        {
            throw Failed(refusal);
        }
    }

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        using var sts = CreateClient();
        try
        {
            var credentials = await ((ICoreAmazonSTS)sts).CredentialsFromAssumeRoleAuthenticationAsync(_role.RoleArn, _role.RoleSessionName, _role.Options).ConfigureAwait(false);
            return new CredentialsRefreshState(credentials, credentials.Expiration);
        }
        catch (AmazonClientException e) when (Refusal(e) is { } refusal)
        {
            throw Failed(refusal);
        }
    }

    private AmazonSecurityTokenServiceClient CreateClient()
    {
        // A configured endpoint (AWS_ENDPOINT_URL_STS...) would otherwise be signed for a region guessed from its host name.
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = _region, AuthenticationRegion = _region.SystemName };
        if (_role.Options?.ProxySettings is { } proxy) config.SetWebProxy(proxy);
        return new AmazonSecurityTokenServiceClient(_source, config);
    }

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
        $"The profile '{_profile}' could not assume the role {_role.RoleArn}: STS answered {refusal.ErrorCode} ({(int)refusal.StatusCode}): " +
        $"{SecretRedaction.ServiceMessage(refusal.Message)} Check the source credentials of the profile (source_profile or credential_source).");
}
