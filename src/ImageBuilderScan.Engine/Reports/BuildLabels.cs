namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// The one label of a build wherever labels must be unique (JUnit testsuite names, Markdown rows, the
/// gate's message): its name and version, then its region when the builds span several regions and its
/// account when they span several accounts (<c>web-frontend-al2023 1.5.0/1 (eu-west-1, 111122223333)</c>).
/// The same name, version and build in the same region and account is the same build, so the label is
/// unique per build ARN; a set of one region and one account keeps the short label.
/// </summary>
public sealed class BuildLabels
{
    private readonly bool _region;
    private readonly bool _account;

    private BuildLabels(bool region, bool account) => (_region, _account) = (region, account);

    /// <summary>The labelling for a set of builds, by their ARNs.</summary>
    public static BuildLabels For(IEnumerable<string?> arns)
    {
        // A build without an ARN (a finding that named none) is labelled by its name alone and scopes nothing.
        var parts = arns.Select(a => (Region: ImageBuilderArn.RegionOf(a), Account: ImageBuilderArn.AccountOf(a))).Where(p => p.Region is not null).ToList();
        return new BuildLabels(parts.Select(p => p.Region).Distinct(StringComparer.Ordinal).Count() > 1,
            parts.Select(p => p.Account).Distinct(StringComparer.Ordinal).Count() > 1);
    }

    /// <summary><paramref name="name"/> (the build's name and version), with the build's region and account as this set needs them.</summary>
    public string Of(string name, string? arn)
    {
        var scope = new List<string>(2);
        if (ImageBuilderArn.RegionOf(arn) is not { } region) return name;
        if (_region) scope.Add(region);
        if (_account) scope.Add(ImageBuilderArn.AccountOf(arn) ?? "");
        return scope.Count == 0 ? name : $"{name} ({string.Join(", ", scope)})";
    }
}
