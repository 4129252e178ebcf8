namespace ImageBuilderScan.Emulator;

/// <summary>
/// What one caller may see: the findings and images of one region (null: every region) and one account (null: every
/// account, as the delegated administrator sees them). A page token is bound to the scope it was issued in.
/// </summary>
public sealed record DataScope(string? Region, string? AccountId)
{
    public static readonly DataScope Everything = new(null, null);

    public bool Includes(string region, string accountId) =>
        (Region is null || string.Equals(Region, region, StringComparison.Ordinal))
        && (AccountId is null || string.Equals(AccountId, accountId, StringComparison.Ordinal));

    /// <summary>The scope as text for page-token binding.</summary>
    internal string Key => $"region={Region ?? "*"};account={AccountId ?? "*"}";
}
