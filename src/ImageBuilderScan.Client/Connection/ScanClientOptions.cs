using System.Text.Json.Serialization;
namespace ImageBuilderScan.Client.Connection;

/// <summary>
/// How to reach Image Builder. Every member is optional: what is not set here comes from the
/// environment (<c>AWS_REGION</c>, <c>AWS_PROFILE</c>, <c>AWS_ENDPOINT_URL_IMAGEBUILDER</c>,
/// <c>AWS_MAX_ATTEMPTS</c>, <c>AWS_RETRY_MODE</c>) and the SDK's default chains, resolved per client,
/// never cached for the process.
/// </summary>
/// <remarks>The one options type from the cmdlet to the client. A record for <c>with</c>; its
/// <c>ToString</c> is overridden so that no generated one prints a secret, and the secret members are
/// left out of JSON.</remarks>
public sealed record ScanClientOptions
{
    /// <summary>The region the caller gave: it pins a query by ARN (another ARN region is an error).</summary>
    public string? Region { get; init; }
    /// <summary>
    /// A session default (AWS Tools' <c>$StoredAWSRegion</c>): used when <see cref="Region"/> is not, before
    /// <c>AWS_REGION</c>, but like <c>AWS_REGION</c> it never pins: an ARN's own region beats it.
    /// </summary>
    public string? DefaultRegion { get; init; }
    public string? ProfileName { get; init; }
    /// <summary>The shared credentials or config file to read profiles from.</summary>
    public string? ProfileLocation { get; init; }
    public string? AccessKey { get; init; }
    [JsonIgnore]
    public string? SecretKey { get; init; }
    [JsonIgnore]
    public string? SessionToken { get; init; }
    /// <summary>A role to assume with the credentials above (a member account's), refreshed before it expires.</summary>
    public string? RoleArn { get; init; }
    public string? ExternalId { get; init; }
    /// <summary>The assumed role's session name (<c>ImageBuilderScan</c> when null).</summary>
    public string? RoleSessionName { get; init; }
    /// <summary>How long the role's credentials last (STS's default when null); they are refreshed before they expire.</summary>
    public int? RoleDurationSeconds { get; init; }
    /// <summary>
    /// How a code is asked for when a profile assumes its role with MFA (<c>mfa_serial</c>); null when nobody can be
    /// asked: such a profile then fails before any request, with an error that says what to do instead.
    /// </summary>
    [JsonIgnore]
    public MfaSession? Mfa { get; init; }
    /// <summary>A custom endpoint, e.g. the emulator's <c>http://127.0.0.1:5000</c>.</summary>
    public string? EndpointUrl { get; init; }
    public bool UseFipsEndpoint { get; init; }
    public bool UseDualStackEndpoint { get; init; }
    /// <summary>Total attempts per request, first try included (<c>AWS_MAX_ATTEMPTS</c> when null).</summary>
    public int? MaxAttempts { get; init; }
    /// <summary><c>standard</c>, <c>adaptive</c> or <c>legacy</c> (<c>AWS_RETRY_MODE</c> when null).</summary>
    public string? RetryMode { get; init; }
    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan? RequestTimeout { get; init; }
    /// <summary>Allow a plain-HTTP endpoint that is not loopback (credentials would travel in clear; warns).</summary>
    public bool AllowInsecureEndpoint { get; init; }
    public IScanLog? Log { get; init; }

    /// <summary>
    /// How many request chains of one listing run at once (chunks of values: 10 per aggregation request, one per
    /// finding request), items still in the order of the values; 1 sends one request after another.
    /// </summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>For a fan-out's profile target: where its account is learned (shared by the profile's targets).</summary>
    public AccountLookup? AccountLookup { get; init; }

    public override string ToString() =>
        $"Region={Region ?? "(default)"}, Profile={ProfileName ?? "(default)"}, Endpoint={EndpointUrl ?? "(default)"}, " +
        $"ExplicitKeys={(AccessKey is null ? "no" : "yes")}, Role={RoleArn ?? "(none)"}";
}
