using Amazon;
using Amazon.Runtime.CredentialManagement;

namespace ImageBuilderScan.Engine.Connection;

/// <summary>
/// Names a user types for -Region and -ProfileName, for tab completion: the regions the AWS SDK's
/// endpoint data knows, and the profiles of the shared credentials and config files as they are now
/// (read on every call, so a profile added a moment ago completes).
/// </summary>
public static class AwsNames
{
    public static IReadOnlyList<string> Regions() =>
        RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <param name="profileLocation">A credentials file (-ProfileLocation), or null for the default files
    /// (AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE honoured).</param>
    /// <returns>The profile names; none when the files are missing or unreadable (completion never fails).</returns>
    public static IReadOnlyList<string> Profiles(string? profileLocation)
    {
        try
        {
            var chain = string.IsNullOrEmpty(profileLocation) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(profileLocation);
            return chain.ListProfiles().Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException or ArgumentException)
        {
            return [];
        }
    }
}
