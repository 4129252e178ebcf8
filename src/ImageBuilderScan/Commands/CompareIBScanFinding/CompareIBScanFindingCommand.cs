using System.Management.Automation;
using ImageBuilderScan.Engine.Comparison;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Compare-IBScanFinding: what a build fixed and introduced against another build (by default the
/// previous build of its pipeline). One object per vulnerability and package: Added, Fixed,
/// SeverityChanged, and Unchanged with -IncludeEqual, as with Compare-Object. Both builds' scans must
/// have completed: an incomplete side is an error naming the build and its state. Piped builds are compared
/// at most -ThrottleLimit at once once the input ended, written in input order, each failure an error for its input.
/// </summary>
[Cmdlet(VerbsData.Compare, "IBScanFinding", DefaultParameterSetName = DifferenceSet)]
[OutputType(typeof(FindingChange))]
public sealed class CompareIBScanFindingCommand : ScanWaitingCmdlet
{
    private const string DifferenceSet = "Difference";
    private const string PipelineSet = "ImagePipelineArn";

    // Findings of one build piped in bind the same ARN once per finding: compare it once.
    private readonly List<string> _differences = [];
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    /// <summary>The build to compare against; the previous build of the difference build's pipeline when omitted.</summary>
    [Parameter(Position = 1), ValidateNotNullOrEmpty]
    public string? ReferenceImageBuildVersionArn { get; set; }

    /// <summary>
    /// The newer build (an image version or pipeline ARN stands for its newest build). Binds from piped objects'
    /// ImageBuildVersionArn or (AWS Tools' images) Arn, or a piped ARN string.
    /// </summary>
    [Parameter(ParameterSetName = DifferenceSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    [Alias("ImageBuildVersionArn", "Arn")]
    public string? DifferenceImageBuildVersionArn { get; set; }

    /// <summary>Pipelines whose newest build (by creation date) is the difference build.</summary>
    [Parameter(ParameterSetName = PipelineSet, Mandatory = true), ValidateNotNullOrEmpty]
    public string[]? ImagePipelineArn { get; set; }

    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    protected override void ProcessRecord()
    {
        if (DifferenceImageBuildVersionArn is { } difference && _named.Add(difference)) _differences.Add(difference);
    }

    protected override void EndProcessing()
    {
        var differences = ParameterSetName == PipelineSet ? ImagePipelineArn! : (IReadOnlyList<string>)_differences;
        var comparison = new BuildComparison(ClientFor, Log, Wait(), ThrottleLimit);
        try
        {
            Stream(() => comparison.CompareEachAsync(ReferenceImageBuildVersionArn, differences, StopToken), null, outcome =>
            {
                if (outcome.Error is { } error)
                {
                    ReportFailure(error, outcome.Difference);
                    return;
                }

                foreach (var change in outcome.Changes!)
                {
                    if (IncludeEqual.IsPresent || change.Change != ChangeKind.Unchanged) WriteResult(change, arn: change.DifferenceImageBuildVersionArn ?? change.ReferenceImageBuildVersionArn);
                }
            });
        }
        finally
        {
            CompleteProgress();
        }

        base.EndProcessing();
    }
}
