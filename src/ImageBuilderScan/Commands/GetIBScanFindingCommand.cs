using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Get-IBScanFinding: ListImageScanFindings with no filter or one typed filter; several values
/// become successive calls. Piping aggregations drills down to the findings behind their counts.
/// </summary>
/// <remarks>
/// Binding (see GetIBScanFindingAggregationCommand for how PowerShell resolves pipeline input):
/// our aggregations bind by value to -InputObject and drill down by their own kind of key: image
/// -> ImageBuildVersionArn, pipeline -> ImagePipelineArn, vulnerability -> VulnerabilityId,
/// account -> every finding, keeping only that account's. The default set (no filter) takes
/// nothing from the pipeline, so another object binds the one typed property it carries; an
/// object carrying two (e.g. AWS Tools' ImageScanFinding) is refused as ambiguous by PowerShell
/// rather than guessed. -Severity never binds from the pipeline: a finding's own severity is
/// not a request for every finding of that severity.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "IBScanFinding", DefaultParameterSetName = NoFilterSet)]
[OutputType(typeof(ScanFinding))]
public sealed class GetIBScanFindingCommand : ListingCmdlet
{
    private const string NoFilterSet = "NoFilter";
    private const string ImagePipelineArnSet = "ImagePipelineArn";
    private const string ImageBuildVersionArnSet = "ImageBuildVersionArn";
    private const string VulnerabilityIdSet = "VulnerabilityId";
    private const string SeveritySet = "Severity";
    private const string InputObjectSet = "InputObject";

    [Parameter(ParameterSetName = ImagePipelineArnSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ImagePipelineArn { get; set; }

    [Parameter(ParameterSetName = ImageBuildVersionArnSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? ImageBuildVersionArn { get; set; }

    [Parameter(ParameterSetName = VulnerabilityIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[]? VulnerabilityId { get; set; }

    /// <summary>Severities as the service spells them; matched case-insensitively, tab-completed.</summary>
    [Parameter(ParameterSetName = SeveritySet, Mandatory = true)]
    [ValidateSet("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED", IgnoreCase = true)]
    public string[]? Severity { get; set; }

    /// <summary>Aggregations from Get-IBScanFindingAggregation to drill into.</summary>
    [Parameter(ParameterSetName = InputObjectSet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ScanFindingAggregation[]? InputObject { get; set; }

    /// <summary>Findings per request (the service's maxResults).</summary>
    [Parameter]
    [Alias("MaxResults")]
    [ValidateRange(1, 25)]
    public int PageSize { get; set; }

    protected override void ProcessRecord()
    {
        int? pageSize = PageSize > 0 ? PageSize : null;
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var aggregation in InputObject!)
            {
                string? account = null;
                var (read, kept) = (0, 0);
                List(() => DrillDown.ToFindingQuery(aggregation, pageSize, out account), aggregation, item =>
                {
                    read++;
                    var keeps = DrillDown.Keeps(item, account);
                    if (keeps) kept++;
                    return keeps;
                });
                // ListImageScanFindings has no account filter: say what reading every account's findings cost.
                if (account is not null) WriteDetail(DrillDown.AccountSummary(account, read, kept));
            }

            return;
        }

        var (filter, values) = ParameterSetName switch
        {
            ImagePipelineArnSet => (FilterNames.ImagePipelineArn, ImagePipelineArn!),
            ImageBuildVersionArnSet => (FilterNames.ImageBuildVersionArn, ImageBuildVersionArn!),
            VulnerabilityIdSet => (FilterNames.VulnerabilityId, VulnerabilityId!),
            SeveritySet => (FilterNames.Severity, Severity!.Select(s => s.ToUpperInvariant()).ToArray()),
            _ => ((string?)null, Array.Empty<string>()),
        };
        List(() => new FindingQuery
        {
            FilterName = filter,
            Values = values,
            PageSize = pageSize,
            ValuesParameterName = ParameterSetName == NoFilterSet ? null : ParameterSetName,
        }, values.Length > 0 ? values : null, keep: null);
    }

    private void List(Func<FindingQuery> query, object? target, Func<ScanFinding, bool>? keep) =>
        ListPages(query, q => Client.GetFindingPagesAsync((FindingQuery)q, StopToken), target, "finding(s)", keep);
}
