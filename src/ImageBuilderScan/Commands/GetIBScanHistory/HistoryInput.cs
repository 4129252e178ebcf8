using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Commands;

/// <summary>
/// The pipeline a piped object means for Get-IBScanHistory: a pipeline ARN string, a pipeline
/// aggregation, any object with an ImagePipelineArn property (findings, gate results, history entries),
/// or AWS Tools' pipeline objects (Get-EC2IBImagePipelineList: Arn). Read by <see cref="PipedInput.Keys"/>,
/// the one reader of piped keys.
/// </summary>
internal static class HistoryInput
{
    /// <exception cref="ScanInputException">The object names no pipeline, or several.</exception>
    public static string PipelineOf(PSObject input)
    {
        var pipelines = PipedInput.Keys(input).Where(k => k.FilterName == FilterNames.ImagePipelineArn).Select(k => k.Value).Distinct(StringComparer.Ordinal).ToList();
        if (pipelines.Count == 1) return pipelines[0];
        const string expected = "an image pipeline ARN, a pipeline aggregation from Get-IBScanFindingAggregation, or an object with an ImagePipelineArn or pipeline Arn property";
        throw pipelines.Count == 0
            ? new ScanInputException("InputObject", input.BaseObject as string, expected, "The piped object names no image pipeline.")
            : new ScanInputException("InputObject", null, expected, $"The piped object names {pipelines.Count} pipelines ({string.Join(", ", pipelines.Select(InputDisplay.Show))}); pipe them one at a time.");
    }
}
