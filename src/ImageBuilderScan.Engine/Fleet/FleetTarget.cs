using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>
/// One region of one account: where a fan-out listing sends its requests, with the options its client
/// is built from (the region set, and the role to assume or the profile to use, when there is one).
/// </summary>
/// <param name="AccountId">The account, when the target says it (a role ARN's account); else null and the data's own account applies.</param>
/// <param name="Account">How the account was named: a role ARN, a profile name, or null for the caller's own credentials.</param>
public sealed record FleetTarget(string Region, string? AccountId, string? Account, ScanClientOptions Options)
{
    /// <summary>
    /// For messages: <c>us-east-1</c>, <c>eu-west-1 / arn:aws:iam::123456789012:role/Audit</c>, <c>eu-west-1 / profile dev</c>;
    /// <c>profile dev</c> alone while the region is empty (none given: the target's client resolves it), <c>(no region)</c> for the caller's.
    /// </summary>
    public string Label => Account is null ? (Region.Length == 0 ? "(no region)" : Region)
        : Region.Length == 0 ? AccountLabel
        : $"{Region} / {AccountLabel}";

    private string AccountLabel => $"{(Options.RoleArn is null ? "profile " : "")}{Account}";

    public override string ToString() => Label;
}
