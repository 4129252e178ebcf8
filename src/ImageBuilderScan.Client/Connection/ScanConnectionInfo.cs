namespace ImageBuilderScan.Client.Connection;

/// <summary>What a client resolved to, for verbose output. Holds no secret.</summary>
/// <param name="Region">The region requests are signed for (unless a query's ARNs name another, see <see cref="RegionSource"/>);
/// null when none is configured: then a query by ARN goes to the ARN's region and any other is refused (NoRegion).</param>
/// <param name="Endpoint">The endpoint requests go to (null with no region: each ARN's region has its own).</param>
/// <param name="CredentialSource">Where the credentials came from, e.g. <c>profile 'dev'</c>.</param>
/// <param name="MaxAttempts">Attempts per request, first try included.</param>
public sealed record ScanConnectionInfo(string? Region, string? Endpoint, string CredentialSource, int MaxAttempts)
{
    /// <summary>
    /// Where <see cref="Region"/> came from: <see cref="RegionSources.Option"/> (given in the options: the
    /// region is pinned, and an ARN of another region is refused), else the environment, the profile or the
    /// instance (an ARN's own region is then used for its query), or <see cref="RegionSources.None"/> when there is no region.
    /// </summary>
    public string RegionSource { get; init; } = RegionSources.Option;

    /// <summary>The account the credentials are for, when the options say it (a role ARN's account); else null.</summary>
    public string? AccountId { get; init; }

    /// <summary>True when the region was given in the options (<see cref="ScanClientOptions.Region"/>).</summary>
    public bool RegionGiven => RegionSource == RegionSources.Option;
}

/// <summary>The names of <see cref="ScanConnectionInfo.RegionSource"/> that callers test for.</summary>
public static class RegionSources
{
    public const string Option = "option";

    /// <summary>The session's default (<see cref="ScanClientOptions.DefaultRegion"/>), which never pins a query by ARN.</summary>
    public const string SessionDefault = "$StoredAWSRegion";

    /// <summary>No region anywhere: not given, not in the environment, the profile or the instance.</summary>
    public const string None = "none";
}
