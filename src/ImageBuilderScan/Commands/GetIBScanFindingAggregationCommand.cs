using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Get-IBScanFindingAggregation: ListImageScanFindingAggregations with typed filters, one flat
/// object per aggregation, streamed as each page arrives.
/// </summary>
/// <remarks>
/// How piped objects bind (PowerShell's CmdletParameterBinderController.BindPipelineParametersPrivate):
/// for each record it tries, in order, by value without coercion, by property name without
/// coercion, by value with coercion, by property name with coercion; in each step it tries the
/// default set's parameters first and only if none bound the other valid sets, and it binds
/// *every* matching parameter of the sets it tries. A property that exists but is null still
/// binds (and a null for a mandatory parameter is an error), so an object carrying two keys would
/// bind two sets and fail as ambiguous. Therefore:
/// - our own aggregations bind by value (no coercion, the first step) to -InputObject, whose set
///   holds no other pipeline parameter; the cmdlet then uses the aggregation's own kind of key,
///   the most specific one (an image aggregation also carries AccountId);
/// - -AccountId is in the default set, so any other object with AccountId (or AWS Tools'
///   AwsAccountId) binds there, whatever other keys it has: never ambiguous, account level;
/// - an object without an account binds the one typed ARN or id property it has;
/// - no parameter takes a bare string by value (a string could be any of the keys), and
///   -FilterName/-FilterValue never bind from the pipeline.
/// tests/Get-IBScanFindingAggregation.Tests.ps1 ("pipeline binding") checks each case.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "IBScanFindingAggregation", DefaultParameterSetName = AccountIdSet)]
[OutputType(typeof(ScanFindingAggregation))]
public sealed class GetIBScanFindingAggregationCommand : ListingCmdlet
{
    private const string AccountIdSet = "AccountId";
    private const string ImageBuildVersionArnSet = "ImageBuildVersionArn";
    private const string ImagePipelineArnSet = "ImagePipelineArn";
    private const string VulnerabilityIdSet = "VulnerabilityId";
    private const string FilterSet = "Filter";
    private const string InputObjectSet = "InputObject";

    /// <summary>Accounts to aggregate; none means the caller's view, aggregated by account.</summary>
    [Parameter(ParameterSetName = AccountIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("AwsAccountId")]
    [ValidateNotNullOrEmpty]
    public string[]? AccountId { get; set; }

    [Parameter(ParameterSetName = ImageBuildVersionArnSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ImageBuildVersionArn { get; set; }

    [Parameter(ParameterSetName = ImagePipelineArnSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ImagePipelineArn { get; set; }

    [Parameter(ParameterSetName = VulnerabilityIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? VulnerabilityId { get; set; }

    /// <summary>A filter name as the service spells it, for names this module does not know yet.</summary>
    [Parameter(ParameterSetName = FilterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FilterNameCompleter))]
    public string? FilterName { get; set; }

    [Parameter(ParameterSetName = FilterSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? FilterValue { get; set; }

    /// <summary>Aggregations from an earlier call: each is asked again by its own key (a refresh).</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ScanFindingAggregation[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var aggregation in InputObject!) List(() => DrillDown.ToAggregationQuery(aggregation), aggregation);
            return;
        }

        var (filter, values, parameter) = ParameterSetName switch
        {
            ImageBuildVersionArnSet => (FilterNames.ImageBuildVersionArn, ImageBuildVersionArn!, ImageBuildVersionArnSet),
            ImagePipelineArnSet => (FilterNames.ImagePipelineArn, ImagePipelineArn!, ImagePipelineArnSet),
            VulnerabilityIdSet => (FilterNames.VulnerabilityId, VulnerabilityId!, VulnerabilityIdSet),
            FilterSet => (FilterName!, FilterValue!, nameof(FilterValue)),
            _ => AccountId is { Length: > 0 } ? (FilterNames.AccountId, AccountId, AccountIdSet) : ((string?)null, Array.Empty<string>(), AccountIdSet),
        };
        List(() => new AggregationQuery { FilterName = filter, Values = values, ValuesParameterName = parameter }, values.Length > 0 ? values : null);
    }

    private void List(Func<AggregationQuery> query, object? target) =>
        ListPages(query, q => Client.GetAggregationPagesAsync((AggregationQuery)q, StopToken), target, "aggregation(s)");
}
