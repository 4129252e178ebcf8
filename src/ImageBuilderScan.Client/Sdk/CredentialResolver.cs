using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>The credentials a client uses, where they came from (for verbose output), and the profile's region.</summary>
internal sealed record ResolvedCredentials(AWSCredentials Credentials, string Source, string? ProfileRegion);

/// <summary>
/// Resolves credentials per call, in the SDK's order: explicit keys, an explicit profile, the
/// <c>AWS_PROFILE</c> profile, the environment's keys, the <c>default</c> profile, then the SDK's
/// default chain (web identity, container, instance). Profile files are read fresh each call (the
/// SDK reads the credentials file location once per process), with the location passed explicitly.
/// </summary>
internal static class CredentialResolver
{
    public static ResolvedCredentials Resolve(ScanClientOptions options, ImageBuilderSdkConfig config)
    {
        var resolved = ResolveSource(options, config);
        if (options.RoleArn is not { } roleArn) return AskMfaNow(resolved);
        // A member account's role, assumed with the caller's credentials; STS in the scan's region.
        var region = ConnectionSettings.Region(options, resolved.ProfileRegion) ?? RegionEndpoint.USEast1.SystemName;
        var session = options.RoleSessionName ?? "ImageBuilderScan";
        var role = RoleCredentials.Assume(resolved.Credentials, roleArn, options.ExternalId, session, options.RoleDurationSeconds, RegionEndpoint.GetBySystemName(region), config);
        return AskMfaNow(resolved with { Credentials = role, Source = $"{resolved.Source}, assume role {roleArn}" });
    }

    // A role assumed with MFA is assumed now, on the thread that makes the client (a cmdlet's pipeline thread, where the
    // person is asked directly), not at the first request on a worker; a failure then stops the command before any listing.
    private static ResolvedCredentials AskMfaNow(ResolvedCredentials resolved)
    {
        if (resolved.Credentials is not RoleCredentials { RequiresMfa: true } role) return resolved;
        try
        {
            role.GetCredentials();
        }
        catch (Exception e) when (e is not ImageBuilderScanException)
        {
            // STS unreachable or timed out: said as any request's network failure, not as the SDK's "Error calling AssumeRole".
            throw ErrorTranslator.Translate(e, CancellationToken.None);
        }
        return resolved;
    }

    private static ResolvedCredentials ResolveSource(ScanClientOptions options, ImageBuilderSdkConfig config)
    {
        var location = NullIfEmpty(options.ProfileLocation) ?? NullIfEmpty(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE"));
        var envProfile = NullIfEmpty(Environment.GetEnvironmentVariable("AWS_PROFILE"));

        if (options.AccessKey is not null || options.SecretKey is not null)
        {
            if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
                throw new ScanConfigurationException("IncompleteCredentials", "An access key and a secret key must be given together.");
            AWSCredentials keys = string.IsNullOrEmpty(options.SessionToken)
                ? new BasicAWSCredentials(options.AccessKey, options.SecretKey)
                : new SessionAWSCredentials(options.AccessKey, options.SecretKey, options.SessionToken);
            var regionProfile = NullIfEmpty(options.ProfileName) ?? envProfile ?? SharedCredentialsFile.DefaultProfileName;
            return new ResolvedCredentials(keys, "explicit keys", TryProfileRegion(regionProfile, location));
        }

        if (NullIfEmpty(options.ProfileName) is { } named)
            return FromProfile(options, config, named, location, "")
                ?? throw NoCredentials($"The profile '{named}' was not found or holds no usable credentials{In(location)}.");

        if (envProfile is not null)
            return FromProfile(options, config, envProfile, location, " from AWS_PROFILE")
                ?? throw NoCredentials($"The profile '{envProfile}' named by AWS_PROFILE was not found or holds no usable credentials{In(location)}.");

        var envKey = NullIfEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"));
        var envSecret = NullIfEmpty(Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"));
        if (envKey is not null && envSecret is not null)
        {
            var envToken = NullIfEmpty(Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
            AWSCredentials keys = envToken is null ? new BasicAWSCredentials(envKey, envSecret) : new SessionAWSCredentials(envKey, envSecret, envToken);
            return new ResolvedCredentials(keys, "environment", TryProfileRegion(SharedCredentialsFile.DefaultProfileName, location));
        }

        if (FromProfile(options, config, SharedCredentialsFile.DefaultProfileName, location, "") is { } defaultProfile)
            return defaultProfile;

        try
        {
            var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
            return new ResolvedCredentials(credentials, $"default chain ({credentials.GetType().Name.Replace("AWSCredentials", "").Replace("Credentials", "")})", null);
        }
        catch (AmazonClientException)
        {
            throw NoCredentials("No credentials were found: none were given, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and AWS_PROFILE are unset, and no container or instance credentials are available.");
        }
    }

    private static ResolvedCredentials? FromProfile(ScanClientOptions options, IClientConfig config, string name, string? location, string how)
    {
        var chain = location is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
        if (!chain.TryGetProfile(name, out var profile)) return null;
        if (!chain.TryGetAWSCredentials(name, out var credentials) || credentials is null) return null;
        var file = (profile.CredentialProfileStore as SharedCredentialsFile)?.FilePath ?? location;
        var source = $"profile '{name}'{how}{(file is null ? "" : $" (file {file})")}";
        if (credentials is AssumeRoleAWSCredentials role)
        {
            // STS in the region the scan uses (AWS recommends regional STS), us-east-1 when none is set yet.
            var region = ConnectionSettings.Region(options, profile.Region?.SystemName) ?? RegionEndpoint.USEast1.SystemName;
            AWSCredentials Ours() => RoleCredentials.Wrap(role, $"the profile '{name}'", RegionEndpoint.GetBySystemName(region), config, options.Mfa);
            // With MFA, every client of the command shares one assumed role: one code asked for, never one sent twice.
            credentials = options.Mfa is { } mfa && RoleCredentials.NamesMfa(role) ? mfa.Shared($"{file}\n{name}", Ours) : Ours();
            source += $", assume role {role.RoleArn}" + (RoleCredentials.NamesMfa(role) ? " with MFA" : "");
        }
        return new ResolvedCredentials(credentials, source, profile.Region?.SystemName);
    }

    private static string? TryProfileRegion(string name, string? location)
    {
        try
        {
            var chain = location is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
            return chain.TryGetProfile(name, out var profile) ? profile.Region?.SystemName : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AmazonClientException)
        {
            return null;
        }
    }

    private static string In(string? location) => location is null ? "" : $" in '{location}'";

    private static ScanConfigurationException NoCredentials(string message) => new("NoCredentials", message);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
