using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Engine.Concurrency;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Compare-IBScanFinding: what a build fixed and introduced against another build (by default the
/// previous build of its pipeline). One object per vulnerability and package: Added, Fixed,
/// SeverityChanged, and Unchanged with -IncludeEqual, as with Compare-Object. Both builds' scans must
/// have completed: an incomplete side is an error naming the build and its state. Piped builds are compared as
/// they come: the first alone (Select-Object -First 1 sends only its requests), its changes written before the next
/// input is taken; once a change was written, up to -ThrottleLimit at once, each written in input order as soon as it
/// and those before it are done; each failure an error for its input.
/// </summary>
[Cmdlet(VerbsData.Compare, "IBScanFinding", DefaultParameterSetName = DifferenceSet)]
[OutputType(typeof(FindingChange))]
public sealed class CompareIBScanFindingCommand : ScanWaitingCmdlet
{
    private const string DifferenceSet = "Difference";
    private const string PipelineSet = "ImagePipelineArn";

    // The comparisons started and not yet written; null when the reference was refused (nothing can be compared).
    private OrderedWindow<string, ComparisonOutcome>? _window;
    private BuildScans? _builds;

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

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var comparison = new BuildComparison(ClientFor, Log, Wait(), ThrottleLimit);
        try
        {
            // Before anything is sent: -ImagePipelineArn promises a pipeline's newest build (a build ARN there is refused),
            // and typed ARNs must be in the -Region given, if one was.
            if (ParameterSetName == PipelineSet) BuildScans.RequirePipelines(ImagePipelineArn!, PipelineSet);
            _builds = new BuildScans(ClientFor, Log);
            _builds.RefuseOtherRegions([ReferenceImageBuildVersionArn], nameof(ReferenceImageBuildVersionArn));
            _builds.RefuseOtherRegions(ImagePipelineArn ?? [], PipelineSet);
            // An outcome gives the consumer something when a change of it is written (an error record is no output).
            _window = comparison.CompareAsNamed(ReferenceImageBuildVersionArn, o => o.Changes?.Any(Written) == true, StopToken);
        }
        catch (ImageBuilderScanException error)
        {
            ReportFailure(error, ReferenceImageBuildVersionArn);
        }
    }

    protected override void ProcessRecord()
    {
        if (DifferenceImageBuildVersionArn is { } difference) Compare(difference);
    }

    protected override void EndProcessing()
    {
        try
        {
            if (ParameterSetName == PipelineSet)
            {
                foreach (var pipeline in ImagePipelineArn!) Compare(pipeline);
            }

            if (_window is not null) Write(all: true);
        }
        finally
        {
            CompleteProgress();
        }

        base.EndProcessing();
    }

    /// <summary>Starts one build's comparison (once per build), then writes the outcomes that are due.</summary>
    private void Compare(string difference)
    {
        // Findings of one build piped in bind the same ARN once per finding: compare it once.
        if (_window is null || !FirstTime(difference)) return;
        try
        {
            BuildScans.CheckName(difference, "DifferenceImageBuildVersionArn");
            _builds!.RefuseOtherRegions([difference], nameof(DifferenceImageBuildVersionArn));
        }
        catch (ImageBuilderScanException error) when (error is ScanInputException or ScanRegionException)
        {
            ReportFailure(error, difference);
            return;
        }

        _window.Add(difference);
        Write(all: false);
    }

    /// <summary>Writes outcomes in input order: every one (the input ended), or those due now (see <see cref="OrderedWindow{TIn, TOut}.TakeAsync"/>).</summary>
    private void Write(bool all) => Stream(() => _window!.TakeAsync(all), null, outcome =>
    {
        if (outcome.Error is { } error)
        {
            ReportFailure(error, outcome.Difference);
            return;
        }

        foreach (var change in outcome.Changes!)
        {
            if (Written(change)) WriteResult(change, arn: change.DifferenceImageBuildVersionArn ?? change.ReferenceImageBuildVersionArn);
        }
    });

    private bool Written(FindingChange change) => IncludeEqual.IsPresent || change.Change != ChangeKind.Unchanged;

    private protected override void Release()
    {
        // Stopped (Ctrl+C, Select-Object -First) or ended: comparisons still in flight are cancelled and awaited.
        var window = _window;
        _window = null;
        Abandon(window);

        base.Release();
    }
}
