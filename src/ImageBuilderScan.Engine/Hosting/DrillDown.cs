using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Hosting;

/// <summary>
/// What an aggregation piped into a cmdlet asks for. The key of the aggregation's own kind is the
/// most specific thing it carries (an image aggregation also carries its account), so the query
/// always uses that key, never a broader one.
/// </summary>
public static class DrillDown
{
    /// <summary>The same aggregation again (a refresh): its kind's filter with its key.</summary>
    public static AggregationQuery ToAggregationQuery(ScanFindingAggregation aggregation) => aggregation.Kind switch
    {
        AggregationKind.Account => Aggregations(FilterNames.AccountId, aggregation.AccountId ?? aggregation.Key, "AccountId"),
        AggregationKind.Image => Aggregations(FilterNames.ImageBuildVersionArn, aggregation.ImageBuildVersionArn ?? aggregation.Key, "ImageBuildVersionArn"),
        AggregationKind.ImagePipeline => Aggregations(FilterNames.ImagePipelineArn, aggregation.ImagePipelineArn ?? aggregation.Key, "ImagePipelineArn"),
        AggregationKind.VulnerabilityId => Aggregations(FilterNames.VulnerabilityId, aggregation.VulnerabilityId ?? aggregation.Key, "VulnerabilityId"),
        _ => throw Unknown(aggregation),
    };

    /// <summary>
    /// The findings behind an aggregation's counts. ListImageScanFindings has no account filter:
    /// an account aggregation lists every finding the caller sees, and <paramref name="accountId"/>
    /// says which account to keep (see <see cref="Keeps"/>), so no other account's finding appears.
    /// </summary>
    public static FindingQuery ToFindingQuery(ScanFindingAggregation aggregation, int? pageSize, out string? accountId)
    {
        accountId = null;
        switch (aggregation.Kind)
        {
            case AggregationKind.Account:
                accountId = aggregation.AccountId ?? aggregation.Key;
                return new FindingQuery { PageSize = pageSize };
            case AggregationKind.Image:
                return Findings(FilterNames.ImageBuildVersionArn, aggregation.ImageBuildVersionArn ?? aggregation.Key, pageSize, "ImageBuildVersionArn");
            case AggregationKind.ImagePipeline:
                return Findings(FilterNames.ImagePipelineArn, aggregation.ImagePipelineArn ?? aggregation.Key, pageSize, "ImagePipelineArn");
            case AggregationKind.VulnerabilityId:
                return Findings(FilterNames.VulnerabilityId, aggregation.VulnerabilityId ?? aggregation.Key, pageSize, "VulnerabilityId");
            default:
                throw Unknown(aggregation);
        }
    }

    /// <summary>Whether a finding belongs to the account an account aggregation drilled into.</summary>
    public static bool Keeps(ScanFinding finding, string? accountId) =>
        accountId is null || finding.AccountId is null || string.Equals(finding.AccountId, accountId, StringComparison.Ordinal);

    private static AggregationQuery Aggregations(string filter, string value, string parameter) =>
        new() { FilterName = filter, Values = [value], ValuesParameterName = parameter };

    private static FindingQuery Findings(string filter, string value, int? pageSize, string parameter) =>
        new() { FilterName = filter, Values = [value], PageSize = pageSize, ValuesParameterName = parameter };

    private static Errors.ScanInputException Unknown(ScanFindingAggregation aggregation) =>
        new("InputObject", aggregation.Key, "an aggregation of kind Account, Image, ImagePipeline or VulnerabilityId",
            $"The aggregation '{aggregation.Key}' is of an unknown kind and has no filter to drill into.");
}
