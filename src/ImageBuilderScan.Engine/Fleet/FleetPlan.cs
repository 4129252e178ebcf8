using System.Text.RegularExpressions;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;

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
            if (!AwsNames.IsRegionName(region))
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
                ? profiles.Distinct(StringComparer.Ordinal).Select(p => (Id: (string?)null, Name: (string?)p,
                    Options: options with { ProfileName = p, AccountLookup = new AccountLookup(p) }))
                : [(Id: null, Name: null, Options: options)];
        // Without -Region a target is labelled with the session default ($StoredAWSRegion), which stays a default (no pin).
        return accounts.SelectMany(a => distinctRegions.Select(r => new FleetTarget(r ?? options.DefaultRegion ?? "", a.Id, a.Name, a.Options with { Region = r }))).ToList();
    }

    /// <summary>
    /// The target that serves an image or pipeline ARN: its region, and its account when the targets
    /// name accounts (roles). Decisions about one build go where that build lives.
    /// </summary>
    /// <exception cref="ScanInputException">No target, or more than one, covers the ARN's region and account.</exception>
    public static FleetTarget TargetFor(IReadOnlyList<FleetTarget> targets, string arn)
    {
        var (region, account) = (ImageBuilderArn.RegionOf(arn) ?? "", ImageBuilderArn.AccountOf(arn) ?? "");
        var matches = targets.Where(t => t.Region == region && (t.AccountId is null || t.AccountId == account)).ToList();
        if (matches.Count == 1) return matches[0];
        var covered = string.Join(", ", targets.Select(t => t.Label));
        throw new ScanInputException("ImageBuildVersionArn", arn,
            matches.Count == 0 ? $"an ARN of a region and account the targets cover ({covered})" : "an ARN that one target serves: give -RoleArn (roles name their accounts) or one profile",
            matches.Count == 0 ? $"no target is in {region} for account {account}." : $"{matches.Count} targets could serve {region} / {account} and none names its account.");
    }

    /// <summary>
    /// The one target of a command that does not fan out, for its output's label: the region its client
    /// resolved, and the profile it was given by name (a single -ProfileName or AWS_PROFILE stays in the options, not a fan-out's account).
    /// </summary>
    public static FleetTarget Resolved(FleetTarget target, string? region)
    {
        ArgumentNullException.ThrowIfNull(target);
        target = target with { Region = region ?? target.Region };
        return target.Account is null && target.Options.RoleArn is { } role ? target with { Account = role }
            : target.Account is null && target.Options.ProfileName is { } profile ? target with { Account = profile }
            : target;
    }

    private static string AccountOf(string roleArn) => roleArn.Split(':')[4];

    [GeneratedRegex(@"\Aarn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
