using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.History;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Get-IBScanHistory: one object per build of each pipeline, oldest first within a pipeline, with the
/// build's image and scan state and its severity counts (none when the scan did not complete). The
/// logic is the engine's <see cref="PipelineHistory"/>; this is parameters and glue.
/// </summary>
[Cmdlet(VerbsCommon.Get, "IBScanHistory", DefaultParameterSetName = nameof(ImagePipelineArn))]
[OutputType(typeof(BuildHistoryEntry))]
public sealed class GetIBScanHistoryCommand : AwsCmdlet
{
    [Parameter(ParameterSetName = nameof(ImagePipelineArn), Mandatory = true, Position = 0), ValidateNotNullOrEmpty]
    public string[]? ImagePipelineArn { get; set; }

    /// <summary>
    /// Pipelines, piped: ARN strings, pipeline aggregations, findings or gate results (their pipeline),
    /// AWS Tools' pipeline objects (Arn). See <see cref="HistoryInput"/>.
    /// </summary>
    [Parameter(ParameterSetName = nameof(InputObject), Mandatory = true, ValueFromPipeline = true), ValidateNotNull]
    public PSObject[]? InputObject { get; set; }

    /// <summary>Only the newest N builds of each pipeline (still oldest first).</summary>
    [Parameter, ValidateRange(1, int.MaxValue)]
    public int Last { get; set; }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == nameof(InputObject))
        {
            foreach (var item in InputObject!)
            {
                string pipeline;
                try
                {
                    pipeline = HistoryInput.PipelineOf(item);
                }
                catch (Client.Errors.ScanInputException error)
                {
                    ReportFailure(error, PipedInput.TargetOf(item));
                    continue;
                }

                List(pipeline, PipedInput.TargetOf(item));
            }

            return;
        }

        foreach (var pipeline in ImagePipelineArn!) List(pipeline, pipeline);
    }

    private void List(string pipeline, object target)
    {
        if (!FirstTime(pipeline, "ImagePipelineArn")) return;

        var history = new PipelineHistory(ClientFor, Log, ThrottleLimit);
        Stream(() => history.ReadAsync(pipeline, Last > 0 ? Last : null, StopToken), target, entry => WriteResult(entry, arn: entry.ImageBuildVersionArn));
    }
}
