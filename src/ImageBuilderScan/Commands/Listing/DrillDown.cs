using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// What an aggregation piped into a cmdlet asks for. The key of the aggregation's own kind is the
/// most specific thing it carries (an image aggregation also carries its account), so the query
/// always uses that key, never a broader one.
/// </summary>
internal static class DrillDown
{
    /// <summary>The same aggregation again (a refresh): its kind's filter with its key.</summary>
    public static AggregationQuery ToAggregationQuery(ScanFindingAggregation aggregation) => ToAggregationQuery(KeyOf(aggregation));

    /// <summary>The aggregations of one key (piped: an aggregation's own, or the one an object carries).</summary>
    public static AggregationQuery ToAggregationQuery(PipedKey key) => Aggregations(key.FilterName, key.Value);

    /// <summary>The findings behind an aggregation's counts; see <see cref="ToFindingQuery(PipedKey, int?, out string?)"/>.</summary>
    public static FindingQuery ToFindingQuery(ScanFindingAggregation aggregation, int? pageSize, out string? accountId) =>
        ToFindingQuery(KeyOf(aggregation), pageSize, out accountId);

    /// <summary>
    /// The findings of one key. ListImageScanFindings has no account filter: an account key lists
    /// every finding the caller sees, and <paramref name="accountId"/> says which account to keep
    /// (see <see cref="Keeps"/>), so no other account's finding appears.
    /// </summary>
    public static FindingQuery ToFindingQuery(PipedKey key, int? pageSize, out string? accountId)
    {
        accountId = null;
        if (key.FilterName == FilterNames.AccountId)
        {
            accountId = key.Value;
            return new FindingQuery { PageSize = pageSize };
        }

        return Findings(key.FilterName, key.Value, pageSize);
    }

    /// <summary>The aggregation's own kind of key: the most specific thing it carries.</summary>
    public static PipedKey KeyOf(ScanFindingAggregation aggregation) => aggregation.Kind switch
    {
        AggregationKinds.Account => new(FilterNames.AccountId, KeyOf(aggregation, aggregation.AccountId)),
        AggregationKinds.Image => new(FilterNames.ImageBuildVersionArn, KeyOf(aggregation, aggregation.ImageBuildVersionArn)),
        AggregationKinds.ImagePipeline => new(FilterNames.ImagePipelineArn, KeyOf(aggregation, aggregation.ImagePipelineArn)),
        AggregationKinds.VulnerabilityId => new(FilterNames.VulnerabilityId, KeyOf(aggregation, aggregation.VulnerabilityId)),
        _ => throw Unknown(aggregation),
    };

    /// <summary>Whether a finding belongs to the account an account aggregation drilled into.</summary>
    public static bool Keeps(ScanFinding finding, string? accountId) =>
        accountId is null || finding.AccountId is null || string.Equals(finding.AccountId, accountId, StringComparison.Ordinal);

    /// <summary>The -Verbose line of an account drill-down: what reading every account's findings cost.</summary>
    public static string AccountSummary(string accountId, int read, int kept) =>
        $"ListImageScanFindings has no account filter: read {read} finding(s) of every account the caller sees, kept {kept} of account {accountId}.";

    /// <summary>
    /// The aggregation's own key. PowerShell can hand -InputObject an aggregation it built itself:
    /// when no property of a piped object binds by name, it converts the object through the
    /// record's parameterless constructor (e.g. <c>[pscustomobject]@{ Kind = 'Account' }</c>), so
    /// Key may be null despite <c>required</c>. Without a key an account drill-down would keep
    /// every account's findings and a refresh would send a null value: refuse it instead.
    /// </summary>
    private static string KeyOf(ScanFindingAggregation aggregation, string? typedKey)
    {
        var key = string.IsNullOrEmpty(typedKey) ? aggregation.Key : typedKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new ScanInputException("InputObject", null, "an aggregation from Get-IBScanFindingAggregation, with its Key",
                $"The {aggregation.Kind} aggregation has no key to drill into.");
        }

        return key;
    }

    private static AggregationQuery Aggregations(string filter, string value) =>
        new() { FilterName = filter, Values = [value], ValuesParameterName = FilterNames.PropertyFor(filter) };

    private static FindingQuery Findings(string filter, string value, int? pageSize) =>
        new() { FilterName = filter, Values = [value], PageSize = pageSize, ValuesParameterName = FilterNames.PropertyFor(filter) };

    private static ScanInputException Unknown(ScanFindingAggregation aggregation) => string.IsNullOrEmpty(aggregation.Key)
        // No kind and no key: PowerShell converted a foreign object (e.g. [pscustomobject]@{ AccountId = ... }
        // piped into Get-IBScanFinding, which has no account filter) because none of its properties bound by name.
        ? new("InputObject", null, "an aggregation from Get-IBScanFindingAggregation, or an object with an ImageBuildVersionArn, ImagePipelineArn or VulnerabilityId property",
            "The piped object is not an aggregation from Get-IBScanFindingAggregation and has no property this command binds by name.")
        : new("InputObject", aggregation.Key, "an aggregation of kind Account, Image, ImagePipeline or VulnerabilityId",
            $"The aggregation '{aggregation.Key}' is of an unknown kind and has no filter to drill into.");
}
