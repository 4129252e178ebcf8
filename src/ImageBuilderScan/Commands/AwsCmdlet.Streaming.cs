using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Commands;

/// <summary>
/// The one streaming and error path of every command: engine work runs on the thread pool, its
/// items and log lines are written on the pipeline thread as they arrive, and each failure becomes
/// one error record for the input it belongs to.
/// </summary>
/// <remarks>The other part, AwsCmdlet.cs, turns the AWS parameters into clients; see there why there are two.</remarks>
public abstract partial class AwsCmdlet
{
    private readonly PipelinePump _pump = new();
    private IScanLog? _log;

    /// <summary>The engine's log for this command (its lines reach -Verbose/-Debug/warnings on the pipeline thread).</summary>
    private protected IScanLog Log => _log ??= _pump.CreateLog();

    /// <summary>Hands a progress line from any thread to the pipeline thread (see <see cref="ShowProgress"/>).</summary>
    private protected void QueueProgress(string line) => _pump.Progress(line);

    /// <summary>
    /// Opens and streams engine work for one input. Input the engine refuses when <paramref name="open"/>
    /// runs (before any request) is an error for this input like any later failure, and the command goes
    /// on with the next input. Returns the failure's description (already written), or null on success.
    /// <paramref name="readAhead"/>: see <see cref="PipelinePump.Run"/> (listings read one page ahead from their second page).
    /// </summary>
    private protected ScanErrorDescription? Stream<T>(Func<IAsyncEnumerable<T>> open, object? targetObject, Action<T> write, bool readAhead = false)
    {
        IAsyncEnumerable<T> source;
        try
        {
            source = open();
        }
        catch (ImageBuilderScanException error)
        {
            WriteLogs();
            return ReportFailure(error, targetObject);
        }

        try
        {
            foreach (var e in _pump.Run(source, StopToken, readAhead))
            {
                switch (e.Kind)
                {
                    case ScanEventKind.Item: write(e.Item!); break;
                    case ScanEventKind.Failed: return ReportFailure(e.Error!, targetObject);
                    default: WriteLog(e.Kind, e.Message!); break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new PipelineStoppedException();
        }

        return null;
    }

    /// <summary>Writes one failure as an error record (terminating when no later input can succeed).</summary>
    private protected ScanErrorDescription ReportFailure(Exception error, object? targetObject)
    {
        if (ScanErrorDescription.IsStop(error, StopToken)) throw new PipelineStoppedException();
        var description = ScanErrorDescription.From(error);
        var record = ErrorRecords.From(description, error, targetObject);
        if (description.StopsCommand) Terminate(record);
        OnFailureReported(description);
        WriteError(record);
        return description;
    }

    /// <summary>Ends the command with an error (ThrowTerminatingError: the statement ends, a script goes on).</summary>
    private protected virtual void Terminate(ErrorRecord record) => ThrowTerminatingError(record);

    /// <summary>Called before a non-terminating failure is written (a listing stores its resume token here).</summary>
    private protected virtual void OnFailureReported(ScanErrorDescription description)
    {
    }

    private void WriteLogs()
    {
        foreach (var e in _pump.DrainLogs()) WriteLog(e.Kind, e.Message!);
    }

    /// <summary>Every engine log line passes here, to the path of its stream, each of which scrubs secrets and makes the text
    /// inert (<see cref="SecretRedaction.ForOutput"/>).</summary>
    private void WriteLog(ScanEventKind kind, string message)
    {
        switch (kind)
        {
            case ScanEventKind.Warning: Warn(message); break;
            case ScanEventKind.Debug: WriteDebugLine(SecretRedaction.ForOutput(message)); break;
            case ScanEventKind.Progress: ShowProgress(SecretRedaction.ForOutput(message)); break;
            default: WriteDetail(message); break;
        }
    }

    /// <summary>Shows a progress line from the engine (a command that waits shows it with Write-Progress).</summary>
    private protected virtual void ShowProgress(string line)
    {
    }

    /// <summary>Progress is shown unless -ProgressAction or $ProgressPreference hides it, or the console's output is redirected.</summary>
    private protected bool ProgressWanted()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ProgressAction", out var bound) && bound is ActionPreference action
            ? action
            : SessionState.PSVariable.GetValue("ProgressPreference") is ActionPreference p ? p : ActionPreference.Continue;
        return ListingProgress.IsWanted(preference, Host?.Name ?? "");
    }
}
