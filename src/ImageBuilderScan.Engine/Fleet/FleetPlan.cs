using System.Text.RegularExpressions;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>
/// Turns regions and accounts (role ARNs to assume with the caller's credentials, or profiles) into
/// targets: every region of every account, checked before any request is sent.
/// </summary>
public static partial class FleetPlan
{
    /// <param name="options">The caller's options; each target copies them with its own region and account.</param>
    /// <param name="regions">Regions; none means the one the options (or environment) resolve to.</param>
    /// <param name="roleArns">Roles to assume in member accounts; exclusive with <paramref name="profiles"/>.</param>
    /// <param name="profiles">Profiles, one account each.</param>
    /// <exception cref="ScanInputException">A region, role ARN or profile name that cannot be used, or both roles and profiles.</exception>
    public static IReadOnlyList<FleetTarget> Targets(ScanClientOptions options, IReadOnlyList<string> regions,
        IReadOnlyList<string> roleArns, IReadOnlyList<string> profiles, string regionParameter = "Region",
        string roleParameter = "RoleArn", string profileParameter = "ProfileName")
    {
        ArgumentNullException.ThrowIfNull(options);
        if (roleArns.Count > 0 && profiles.Count > 0)
            throw new ScanInputException(roleParameter, null, $"either role ARNs or profiles ({profileParameter}), not both",
                "roles are assumed with the caller's credentials, and a profile brings its own: give one kind of account list.");
        foreach (var region in regions)
        {
            if (!RegionName().IsMatch(region))
                throw new ScanInputException(regionParameter, region, "a region name such as us-east-1 or eu-west-1", $"'{region}' is not a region name.");
        }

        foreach (var role in roleArns)
        {
            if (!RoleArn().IsMatch(role))
                throw new ScanInputException(roleParameter, role, "an IAM role ARN, arn:<partition>:iam::<12-digit account>:role/<path/name>",
                    $"'{role}' is not an IAM role ARN.");
        }

        var distinctRegions = regions.Count == 0 ? [options.Region] : regions.Distinct(StringComparer.Ordinal).Select(r => (string?)r).ToList();
        var accounts = roleArns.Count > 0
            ? roleArns.Distinct(StringComparer.Ordinal).Select(r => (Id: (string?)AccountOf(r), Name: (string?)r, Options: options with { RoleArn = r }))
            : profiles.Count > 0
                ? profiles.Distinct(StringComparer.Ordinal).Select(p => (Id: (string?)null, Name: (string?)p, Options: options with { ProfileName = p }))
                : [(Id: null, Name: null, Options: options)];
        return accounts.SelectMany(a => distinctRegions.Select(r => new FleetTarget(r ?? "", a.Id, a.Name, a.Options with { Region = r }))).ToList();
    }

    private static string AccountOf(string roleArn) => roleArn.Split(':')[4];

    [GeneratedRegex(@"\A[a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex(@"\Aarn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
