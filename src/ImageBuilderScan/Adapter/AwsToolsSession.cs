using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// AWS Tools' habits applied to the options a cmdlet's parameters gave: its <c>-Credential</c>
/// objects and the session defaults it leaves behind, with AWS Tools' precedence. Credentials:
/// explicit keys, then <c>-Credential</c>, then <c>-ProfileName</c>, then <c>$StoredAWSCredentials</c>,
/// then the SDK's chain. Region: <c>-Region</c>, then <c>$StoredAWSRegion</c>, then the SDK's chain; only
/// <c>-Region</c> pins a query by ARN to a region.
/// Whether the result is complete is checked once, by the engine, when the client is created.
/// </summary>
internal static class AwsToolsSession
{
    /// <summary>The options with the credential object and session defaults applied; logs (verbose) where they came from, never a secret.</summary>
    /// <param name="credential">AWS Tools' AWSCredentials object (from another load context), a PSCredential, or null.</param>
    /// <param name="storedRegion">The session's <c>$StoredAWSRegion</c>.</param>
    /// <param name="storedCredentials">The session's <c>$StoredAWSCredentials</c>.</param>
    /// <exception cref="ScanConfigurationException">The credential object has no keys to read.</exception>
    public static ScanClientOptions Apply(ScanClientOptions options, object? credential, object? storedRegion, object? storedCredentials, IScanLog log)
    {
        // A default, not a -Region: a query by ARN still goes to the ARN's region (as with AWS_REGION).
        if (string.IsNullOrEmpty(options.Region) && storedRegion is string stored && stored.Length > 0)
        {
            options = options with { DefaultRegion = stored };
            log.Verbose($"Default region {stored} from $StoredAWSRegion (an ARN's own region beats it).");
        }

        if (options.AccessKey is not null || options.SecretKey is not null)
        {
            log.Verbose("Credentials from -AccessKey/-SecretKey.");
        }
        else if (credential is PSCredential typed)
        {
            options = FromPSCredential(options, typed);
            log.Verbose("Credentials from -Credential (a PSCredential: access key as user name, secret key as password).");
        }
        else if (credential is not null)
        {
            var keys = ForeignCredentials.TryRead(credential) ?? throw new ScanConfigurationException("UnreadableCredential",
                $"-Credential: a {credential.GetType().Name} is not an AWS credentials object with keys.");
            options = options with { AccessKey = keys.AccessKey, SecretKey = keys.SecretKey, SessionToken = keys.SessionToken };
            log.Verbose($"Credentials from -Credential ({credential.GetType().Name}).");
        }
        else if (options.ProfileName is null && storedCredentials is not null)
        {
            options = FromSession(options, storedCredentials, log);
        }

        return options;
    }

    /// <summary>Get-Credential's object: the access key as user name, the secret key as password (no session token).</summary>
    private static ScanClientOptions FromPSCredential(ScanClientOptions options, PSCredential credential)
    {
        var secret = credential.GetNetworkCredential().Password;
        if (string.IsNullOrEmpty(credential.UserName) || string.IsNullOrEmpty(secret))
        {
            throw new ScanConfigurationException("UnreadableCredential",
                "-Credential: a PSCredential needs the access key id as user name and the secret access key as password.");
        }

        return options with { AccessKey = credential.UserName, SecretKey = secret };
    }

    private static ScanClientOptions FromSession(ScanClientOptions options, object stored, IScanLog log)
    {
        if (ForeignCredentials.ProfileNameOf(stored) is { } name)
        {
            log.Verbose($"Credentials from profile '{name}' named by $StoredAWSCredentials.");
            return options with { ProfileName = name };
        }

        try
        {
            if (ForeignCredentials.TryRead(stored) is { } keys)
            {
                log.Verbose("Credentials from $StoredAWSCredentials.");
                return options with { AccessKey = keys.AccessKey, SecretKey = keys.SecretKey, SessionToken = keys.SessionToken };
            }
        }
        catch (ScanConfigurationException e)
        {
            log.Warning($"$StoredAWSCredentials could not be read ({e.Message}); using the default credential chain.");
            return options;
        }

        log.Warning($"$StoredAWSCredentials holds a {stored.GetType().Name} this module cannot read; using the default credential chain.");
        return options;
    }
}
