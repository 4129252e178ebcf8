using Amazon;

namespace ImageBuilderScan.Client.Connection;

/// <summary>
/// Names a user types for -Region and -ProfileName, for tab completion: the regions the AWS SDK's
/// endpoint data knows, and the profiles of the shared credentials and config files as they are now.
/// </summary>
public static partial class AwsNames
{
    /// <summary>
    /// The region names (us-east-1, eu-west-1, us-gov-west-1, cn-north-1...), without the SDK's endpoint
    /// pseudo-regions (us-east-1-regional, aws-global) that no -Region accepts.
    /// </summary>
    public static IReadOnlyList<string> Regions() =>
        RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName).Where(IsRegionName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>A region name: a partition prefix, words, a number (us-east-1, ap-southeast-5, us-isob-east-1).</summary>
    public static bool IsRegionName(string name) => RegionName().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RegionName();

    /// <summary>
    /// The profile names of the credentials file (<paramref name="profileLocation"/>, else
    /// AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials) and, without a location, of the config file
    /// (AWS_CONFIG_FILE or ~/.aws/config: <c>[profile name]</c> and <c>[default]</c>), SSO and
    /// assume-role profiles included. The files are read on every call, not through the SDK's
    /// profile store (which keeps the paths it resolved first), so a profile added a moment ago completes.
    /// </summary>
    /// <returns>The names, sorted; none when the files are missing or unreadable (completion never fails).</returns>
    public static IReadOnlyList<string> Profiles(string? profileLocation)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(profileLocation))
        {
            Read(profileLocation, names, config: false);
            return names.ToList();
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Read(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") is { Length: > 0 } c ? c : Path.Combine(home, ".aws", "credentials"), names, config: false);
        Read(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") is { Length: > 0 } f ? f : Path.Combine(home, ".aws", "config"), names, config: true);
        return names.ToList();
    }

    private static void Read(string path, SortedSet<string> names, bool config)
    {
        string[] lines;
        try
        {
            if (!File.Exists(path)) return;
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return;
        }

        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length < 3 || line[0] != '[' || line[^1] != ']') continue;
            var section = line[1..^1].Trim();
            // The config file names profiles "[profile x]" (and "[default]"); "[sso-session x]" and "[services x]" are not profiles.
            if (config && section != "default")
            {
                if (!section.StartsWith("profile ", StringComparison.Ordinal)) continue;
                section = section["profile ".Length..].Trim();
            }

            if (section.Length > 0) names.Add(section);
        }
    }
}
