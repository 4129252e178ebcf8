using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>
/// One region of one account: where a fan-out listing sends its requests, with the options its client
/// is built from (the region set, and the role to assume or the profile to use, when there is one).
/// </summary>
/// <param name="AccountId">The account, when the target says it (a role ARN's account); else null and the data's own account applies.</param>
/// <param name="Account">How the account was named: a role ARN, a profile name, or null for the caller's own credentials.</param>
public sealed record FleetTarget(string Region, string? AccountId, string? Account, ScanClientOptions Options)
{
    /// <summary>For messages: <c>us-east-1</c>, <c>eu-west-1 / arn:aws:iam::123456789012:role/Audit</c>, <c>eu-west-1 / profile dev</c>.</summary>
    public string Label => Account is null ? Region : $"{Region} / {(Options.RoleArn is null ? "profile " : "")}{Account}";

    /// <summary>True when the account is a profile's (named, not a role): its id is learned from STS, not from the name.</summary>
    public bool NamesProfile => Options.RoleArn is null && Account is not null;

    public override string ToString() => Label;
}
