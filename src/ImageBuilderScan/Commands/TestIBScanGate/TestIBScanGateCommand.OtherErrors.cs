using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Test-IBScanGate and the errors other commands of its statement write (<see cref="ErrorLogMark"/>): an upstream command's
/// non-terminating error goes to the error stream, not down the pipeline, so what reached the gate may have a hole in it.
/// </summary>
public sealed partial class TestIBScanGateCommand
{
    // $Error as it was when the gate began: what other commands of its statement write meanwhile is read at its end.
    private ErrorLogMark? _errorMark;

    /// <summary>Marks $Error at the start (and reads the errors of the gate's own arguments, written just before).</summary>
    private void MarkErrorLog() => _errorMark = ErrorLogMark.Take(SessionState, MyInvocation);

    /// <summary>
    /// Errors other commands of the statement wrote while the gate ran (an upstream Get-Content that could not read one of
    /// its files), or in its own arguments: the run is not judged (exit 2), never a pass.
    /// </summary>
    private void RefuseWhatOthersWrote(GateVerdicts verdicts)
    {
        if (_errorMark?.WrittenByOthers(MyInvocation) is not { Count: > 0 } others) return;
        var errors = others.Select(r => (r.InvocationInfo?.MyCommand?.Name ?? "", r.ErrorDetails?.Message is { Length: > 0 } details ? details : r.Exception.Message)).ToList();
        verdicts.AddStatementError(ReportFailure(new PipelineErrorException(errors), null).Message);
    }
}
