using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Fleet;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Get-IBScanFinding: ListImageScanFindings with no filter or one typed filter; several values
/// become successive calls. Piping aggregations drills down to the findings behind their counts.
/// </summary>
/// <remarks>
/// Binding (see GetIBScanFindingAggregationCommand for how PowerShell resolves pipeline input):
/// the one pipeline parameter is -InputObject (a PSObject by value), and the adapter
/// (<see cref="PipedInput.ForFindings"/>) reads what the object asks for. Our aggregations drill down
/// by their own kind of key: image -> ImageBuildVersionArn, pipeline -> ImagePipelineArn,
/// vulnerability -> VulnerabilityId, account -> every finding, keeping only that account's. A
/// string or an AWS Tools <c>Arn</c> is classified by shape; any other object must carry exactly one
/// of ImageBuildVersionArn, ImagePipelineArn, VulnerabilityId: one carrying two (a finding carries
/// all three) is refused with a message saying which to pipe, never guessed. Each distinct key is
/// listed once per command. -Severity never binds from the pipeline: a finding's own severity is
/// not a request for every finding of that severity.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "IBScanFinding", DefaultParameterSetName = NoFilterSet)]
[OutputType(typeof(ScanFinding))]
public sealed class GetIBScanFindingCommand : ListingCmdlet
{
    // A parameter's own set is named after it; only the sets of no one parameter have a constant.
    private const string NoFilterSet = "NoFilter";

    /// <summary>Severities as the service spells them; matched case-insensitively, tab-completed.</summary>
    [Parameter(ParameterSetName = nameof(Severity), Mandatory = true)]
    [ValidateSeverity, ArgumentCompleter(typeof(SeverityCompleter))]
    public string[]? Severity { get; set; }

    /// <summary>
    /// What to list, piped or at position 0 as AWS Tools puts the key (Get-IBScanFinding $arn): aggregations from Get-IBScanFindingAggregation to drill into, key strings,
    /// AWS Tools' image and pipeline objects (Arn), objects with one key property. See <see cref="PipedInput"/>.
    /// </summary>
    [Parameter(ParameterSetName = nameof(InputObject), Mandatory = true, Position = 0, ValueFromPipeline = true), ValidateNotNull]
    public PSObject[]? InputObject { get; set; }

    /// <summary>One object per (finding, vulnerable package), for spreadsheets: Export-Csv does not unroll lists.</summary>
    [Parameter]
    public SwitchParameter ExpandPackage { get; set; }

    /// <summary>Findings per request (the service's maxResults).</summary>
    [Parameter, ValidateRange(1, 25)]
    [Alias("MaxResults")]
    public int PageSize { get; set; }

    /// <summary>A finding another target returned alike (an administrator's role and a member's) is written once.</summary>
    private protected override IFleetOverlap NewOverlap() => new FindingOverlap();

    protected override void ProcessRecord()
    {
        int? pageSize = PageSize > 0 ? PageSize : null;
        if (ParameterSetName == nameof(InputObject))
        {
            foreach (var item in InputObject!) ListPiped(item, PipedInput.ForFindings, (key, target) => ListKey(key, target, pageSize));
            return;
        }

        var (filter, values) = TypedKeyFilter() ?? ParameterSetName switch
        {
            // Sent upper case by the engine's validator, as every severity filter value is.
            nameof(Severity) => (FilterNames.Severity, Severity!),
            _ => ((string?)null, Array.Empty<string>()),
        };
        // Every image version named had no build to list (each an error already): never the unfiltered listing.
        if (filter is not null && values.Length == 0) return;
        List(() => new FindingQuery
        {
            FilterName = filter,
            Values = values,
            PageSize = pageSize,
        }, values.Length > 0 ? values : null, keep: null);
    }

    private void ListKey(PipedKey key, object target, int? pageSize)
    {
        string? account = null;
        var (read, kept) = (0, 0);
        List(() => DrillDown.ToFindingQuery(key, pageSize, out account), target, item =>
        {
            read++;
            var keeps = DrillDown.Keeps(item, account);
            if (keeps) kept++;
            return keeps;
        });
        // ListImageScanFindings has no account filter: say what reading every account's findings cost.
        if (account is not null) WriteDetail(DrillDown.AccountSummary(account, read, kept));
    }

    private void List(Func<FindingQuery> query, object? target, Func<ScanFinding, bool>? keep) =>
        ListPages(query, (client, q, ct) => client.GetFindingsAsync((FindingQuery)q, ct).Pages, target, "finding(s)", keep,
            ExpandPackage.IsPresent ? static f => f.PerPackage() : null);
}
