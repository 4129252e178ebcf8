using System.Text.Json.Serialization;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Hosting;

/// <summary>
/// The AWS parameters of a cmdlet plus the session defaults AWS Tools leaves behind, turned into
/// engine options with AWS Tools' precedence: explicit keys, then <c>-Credential</c>, then
/// <c>-ProfileName</c>, then <c>$StoredAWSCredentials</c>, then the SDK's chain. Region:
/// <c>-Region</c>, then <c>$StoredAWSRegion</c>, then the SDK's chain.
/// </summary>
/// <remarks>A class, not a record: no generated ToString may print a secret; secret members are left out of JSON.</remarks>
public sealed class ConnectionParameters
{
    public string? Region { get; init; }
    public string? ProfileName { get; init; }
    public string? ProfileLocation { get; init; }
    public string? AccessKey { get; init; }
    [JsonIgnore]
    public string? SecretKey { get; init; }
    [JsonIgnore]
    public string? SessionToken { get; init; }
    /// <summary>AWS Tools' AWSCredentials object (from another load context), or null.</summary>
    [JsonIgnore]
    public object? Credential { get; init; }
    public string? EndpointUrl { get; init; }
    public int? MaxAttempts { get; init; }
    public int? TimeoutSec { get; init; }
    public bool AllowInsecureEndpoint { get; init; }
    /// <summary>The session's <c>$StoredAWSRegion</c>.</summary>
    public object? StoredRegion { get; init; }
    /// <summary>The session's <c>$StoredAWSCredentials</c>.</summary>
    [JsonIgnore]
    public object? StoredCredentials { get; init; }

    /// <summary>Builds the options; logs (verbose) where region and credentials come from, never a secret.</summary>
    /// <exception cref="ScanConfigurationException">The parameters can never work (e.g. an access key without its secret).</exception>
    public ScanClientOptions ToOptions(IScanLog log)
    {
        if (string.IsNullOrEmpty(AccessKey) != string.IsNullOrEmpty(SecretKey))
        {
            throw new ScanConfigurationException("IncompleteCredentials",
                "-AccessKey and -SecretKey must be given together.");
        }

        var region = Region;
        if (string.IsNullOrEmpty(region) && StoredRegion is string stored && stored.Length > 0)
        {
            region = stored;
            log.Verbose($"Region {stored} from $StoredAWSRegion.");
        }

        string? accessKey = AccessKey, secretKey = SecretKey, sessionToken = SessionToken, profile = ProfileName;
        if (!string.IsNullOrEmpty(accessKey))
        {
            log.Verbose("Credentials from -AccessKey/-SecretKey.");
        }
        else if (Credential is not null)
        {
            var keys = ForeignCredentials.TryRead(Credential) ?? throw new ScanConfigurationException("UnreadableCredential",
                $"-Credential: a {Credential.GetType().Name} is not an AWS credentials object with keys.");
            (accessKey, secretKey, sessionToken) = (keys.AccessKey, keys.SecretKey, keys.SessionToken);
            log.Verbose($"Credentials from -Credential ({Credential.GetType().Name}).");
        }
        else if (string.IsNullOrEmpty(profile) && StoredCredentials is not null)
        {
            (accessKey, secretKey, sessionToken, profile) = FromSession(StoredCredentials, log);
        }

        return new ScanClientOptions
        {
            Region = NullIfEmpty(region),
            ProfileName = NullIfEmpty(profile),
            ProfileLocation = NullIfEmpty(ProfileLocation),
            AccessKey = NullIfEmpty(accessKey),
            SecretKey = NullIfEmpty(secretKey),
            SessionToken = NullIfEmpty(sessionToken),
            EndpointUrl = NullIfEmpty(EndpointUrl),
            MaxAttempts = MaxAttempts,
            RequestTimeout = TimeoutSec is > 0 ? TimeSpan.FromSeconds(TimeoutSec.Value) : null,
            AllowInsecureEndpoint = AllowInsecureEndpoint,
            Log = log,
        };
    }

    private static (string?, string?, string?, string?) FromSession(object stored, IScanLog log)
    {
        if (ForeignCredentials.ProfileNameOf(stored) is { } name)
        {
            log.Verbose($"Credentials from profile '{name}' named by $StoredAWSCredentials.");
            return (null, null, null, name);
        }

        try
        {
            if (ForeignCredentials.TryRead(stored) is { } keys)
            {
                log.Verbose("Credentials from $StoredAWSCredentials.");
                return (keys.AccessKey, keys.SecretKey, keys.SessionToken, null);
            }
        }
        catch (ScanConfigurationException e)
        {
            log.Warning($"$StoredAWSCredentials could not be read ({e.Message}); using the default credential chain.");
            return (null, null, null, null);
        }

        log.Warning($"$StoredAWSCredentials holds a {stored.GetType().Name} this module cannot read; using the default credential chain.");
        return (null, null, null, null);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public override string ToString() => $"Region={Region ?? "(default)"}, Profile={ProfileName ?? "(default)"}";
}
