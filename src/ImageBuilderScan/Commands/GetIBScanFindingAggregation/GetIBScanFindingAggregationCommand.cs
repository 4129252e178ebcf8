using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Fleet;

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
/// *every* matching parameter of the sets it tries. By property name it never looks at values: an
/// object carrying AccountId and an ARN (every finding) bound the account (one identical account
/// total per finding), and a bare string or AWS Tools' <c>Arn</c> bound nothing. Therefore:
/// - the only pipeline parameter is -InputObject, a PSObject by value: the first step binds every
///   piped object there, and no typed parameter binds from the pipeline;
/// - the adapter (<see cref="PipedInput.ForAggregations"/>) reads what the object asks for: our
///   aggregations their own kind's key (a refresh), strings and <c>Arn</c> by shape, any other object
///   its most specific key (image, then pipeline, then vulnerability, then account), so a finding
///   means its image's aggregation;
/// - each distinct key is asked once per command (a pipeline's findings share a few images);
/// - -FilterName/-FilterValue and the typed parameters are for explicit use only.
/// tests/Get-IBScanFindingAggregation.Tests.ps1 ("pipeline binding") checks each case.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "IBScanFindingAggregation", DefaultParameterSetName = nameof(AccountId))]
[OutputType(typeof(ScanFindingAggregation))]
public sealed class GetIBScanFindingAggregationCommand : ListingCmdlet
{
    // A parameter's own set is named after it; only the sets of no one parameter have a constant.
    private const string FilterSet = "Filter";

    /// <summary>Accounts to aggregate; none means the caller's view, aggregated by account.</summary>
    [Parameter(ParameterSetName = nameof(AccountId)), ValidateNotNullOrEmpty]
    [Alias("AwsAccountId")]
    public string[]? AccountId { get; set; }

    /// <summary>A filter name as the service spells it, for names this module does not know yet.</summary>
    [Parameter(ParameterSetName = FilterSet, Mandatory = true), ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(FilterNameCompleter))]
    public string? FilterName { get; set; }

    [Parameter(ParameterSetName = FilterSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string[]? FilterValue { get; set; }

    /// <summary>
    /// What to aggregate, piped or at position 0 as AWS Tools puts the key (Get-IBScanFinding $arn): our aggregations (asked again by their own key), findings (their
    /// image), AWS Tools' objects (Arn, AwsAccountId), key strings. See <see cref="PipedInput"/>.
    /// </summary>
    [Parameter(ParameterSetName = nameof(InputObject), Mandatory = true, Position = 0, ValueFromPipeline = true), ValidateNotNull]
    public PSObject[]? InputObject { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == nameof(InputObject))
        {
            foreach (var item in InputObject!) ListPiped(item, PipedInput.ForAggregations, (key, target) => List(() => DrillDown.ToAggregationQuery(key), target));
            return;
        }

        var (filter, values) = TypedKeyFilter() ?? ParameterSetName switch
        {
            FilterSet => (FilterName!, FilterValue!),
            _ => AccountId is { Length: > 0 } ? (FilterNames.AccountId, AccountId) : ((string?)null, Array.Empty<string>()),
        };
        // Every image version named had no build to list (each an error already): never the unfiltered listing.
        if (filter is not null && values.Length == 0) return;
        // The typed parameters are named from the filter by the engine (FilterNames.PropertyFor); only the
        // escape hatch says which parameter its values came in.
        List(() => new AggregationQuery
        {
            FilterName = filter, Values = values,
            ValuesParameterName = ParameterSetName == FilterSet ? QueryValidator.EscapeHatchParameterName : null,
        }, values.Length > 0 ? values : null);
    }

    private protected override IFleetOverlap NewOverlap() => new AggregationOverlap();

    private void List(Func<AggregationQuery> query, object? target) =>
        ListPages(query, (client, q, ct) => client.GetAggregationsAsync((AggregationQuery)q, ct).Pages, target, "aggregation(s)");
}
