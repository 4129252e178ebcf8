using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Test-IBScanGate -ExitCode: the command owns the process exit code, as Pester's -CI does (see
/// <see cref="GateExitCode"/>). What a real <c>pwsh -File</c>/<c>-Command</c> was seen to do decides how:
/// <list type="bullet">
/// <item><c>exit N</c> (an ExitException out of InvokeScript) ends a -File script whatever its
/// preferences, and try/catch cannot catch it (finally still runs). Under <c>pwsh -Command ". script"</c>
/// (GitHub Actions' pwsh shell) it ends only the dot-sourced script, and pwsh then exits 1.</item>
/// <item><c>Host.SetShouldExit(N)</c> does not end the script, but pwsh exits with N when it ends, under
/// -File and under -Command, and the <c>exit $LASTEXITCODE</c> GitHub appends does not undo it under -Command.</item>
/// <item>Once a downstream <c>Select-Object -First</c> stopped the command, and in Dispose, any exception
/// is swallowed by PowerShell: only the host's exit code (and $LASTEXITCODE) can carry the verdict.</item>
/// <item>Environment.Exit skips the script's finally blocks (the reports) and the upstream error's text: not used.</item>
/// </list>
/// So a failure or a refusal sets the host's exit code and $LASTEXITCODE, then ends the script with
/// <c>exit</c>; a pass changes nothing and the script goes on. When the command cannot end the script
/// (stopped downstream, an upstream command's terminating error, Ctrl+C), the code is still set and pwsh
/// returns it when the script ends.
/// </summary>
public sealed partial class TestIBScanGateCommand
{
    private bool _exitDecided;
    private bool _stoppedDownstream;

    /// <summary>Ends the process with 0 (every build judged and passed), 1 (a build failed) or 2 (not judged). For CI scripts.</summary>
    [Parameter]
    public SwitchParameter ExitCode { get; set; }

    /// <summary>
    /// Runs one step of the command so that no exception escapes the gate's own handling: with -ExitCode
    /// anything (even a preference that turns a written error into a stop) ends with 2; without it, an
    /// exception that is not PowerShell's own becomes the gate's script-ending error.
    /// </summary>
    private void Guard(Action step)
    {
        try
        {
            step();
        }
        catch (Exception error) when (error is not (ExitException or PipelineStoppedException or ScriptTermination)
                                      && (ExitCode.IsPresent || error is not RuntimeException))
        {
            Terminate(ErrorRecords.From(error, ImageBuildVersionArn));
        }
    }

    /// <summary>
    /// A failure about to be written as an error record (a malformed ARN, a build that could not be read). Where the
    /// script's preference is Stop (the README's pattern), PowerShell turns that record into the script's terminating
    /// error once the command returns, and pwsh exits 1 ("judged and failed") whatever exit code was set or <c>exit</c>
    /// run meanwhile: so with -ExitCode the gate ends the script itself first, with 2 (not judged).
    /// </summary>
    private protected override void OnFailureReported(ScanErrorDescription description)
    {
        if (ExitCode.IsPresent && ErrorsStop()) EndProcess(GateExitCode.NotJudged, description.Message);
    }

    /// <summary>
    /// A warning, verbose, debug or progress line the gate is about to write meets a Stop preference (-WarningAction Stop,
    /// <c>$WarningPreference = 'Stop'</c>, <c>$VerbosePreference</c>, <c>$DebugPreference</c>, -ProgressAction or
    /// <c>$ProgressPreference</c>): PowerShell would stop the gate before its verdict and pwsh would exit 1 ("judged and
    /// failed"), so with -ExitCode the gate ends the script itself with 2 (not judged) and says why, the line included.
    /// </summary>
    private protected override bool WatchesPreferenceStops => ExitCode.IsPresent;

    private protected override void OnPreferenceStop(PreferenceStream stream, string text)
    {
        var (name, preference) = stream switch
        {
            PreferenceStream.Warning => ("a warning", "-WarningAction or $WarningPreference"),
            PreferenceStream.Verbose => ("a verbose line", "$VerbosePreference"),
            PreferenceStream.Debug => ("a debug line", "$DebugPreference"),
            _ => ("progress", "-ProgressAction or $ProgressPreference"),
        };
        EndProcess(GateExitCode.NotJudged, $"{preference} is Stop, and the gate was about to write {name}, which stops it before its verdict: {text}");
    }

    /// <summary>Whether a written error stops the command: -ErrorAction Stop, or none given and $ErrorActionPreference Stop.</summary>
    private bool ErrorsStop() =>
        MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given)
            ? given is ActionPreference.Stop
            : SessionState.PSVariable.GetValue("ErrorActionPreference") is ActionPreference.Stop or "Stop";

    /// <summary>Writes a result; with -ExitCode a downstream stop (Select-Object -First) ends the writing, not the judging.</summary>
    private void Emit(GateResult result)
    {
        if (_stoppedDownstream) return;
        try
        {
            WriteResult(result, arn: result.ImageBuildVersionArn);
        }
        catch (PipelineStoppedException) when (ExitCode.IsPresent && !Stopping && !StopToken.IsCancellationRequested)
        {
            _stoppedDownstream = true;
        }
    }

    private void EndWithVerdict()
    {
        var code = GateExit.For(_verdicts.Results, _verdicts.ErrorCount);
        if (code == GateExitCode.Passed)
        {
            // The script goes on: the host's exit code is left alone (an earlier gate's failure stays),
            // and $LASTEXITCODE says 0 so that a report step can tell a judged run from one that was not.
            _exitDecided = true;
            SessionState.PSVariable.Set("global:LASTEXITCODE", 0);
            return;
        }

        EndProcess(code, _verdicts.Describe());
    }

    private void EndProcess(GateExitCode code, ErrorRecord record) =>
        EndProcess(code, record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception.Message);

    /// <summary>Says why on the error stream of the host (whatever the preferences), sets the exit code and ends the script.</summary>
    private void EndProcess(GateExitCode code, string reason)
    {
        _exitDecided = true;
        ExitWith((int)code, Describe(code), reason);
    }

    /// <summary>
    /// An -ExitCode gate disposed before its verdict could not judge: 2. PowerShell disposes a command whose
    /// parameters it could not bind (a misspelled name), or whose pipeline an upstream command's terminating
    /// error or a stop ended; it swallows exceptions here, so the code is set and the script goes on.
    /// </summary>
    private protected override void Release()
    {
        base.Release();
        if (_exitDecided || !(ExitCode.IsPresent || AskedButUnbound())) return;
        _exitDecided = true;
        ExitCodeOwner.Claim();
        // The code first: Dispose swallows exceptions, and a host without a UI must still get it.
        SetProcessExitCode((int)GateExitCode.NotJudged);
        SayExit($"exit code 2 ({Describe(GateExitCode.NotJudged)}), returned when the script ends: the command did not reach its verdict (a parameter PowerShell could not bind, an upstream command's terminating error, or a stop).");
    }

    /// <summary>
    /// -ExitCode on the command's own line but never bound: PowerShell binds in the order written and stops at the first
    /// parameter it cannot bind (<c>-ExceptionPath $env:UNSET -ExitCode</c>), so the switch after it, or any unambiguous
    /// prefix of it, was asked for all the same. Every parameter, present or future, is covered.
    /// </summary>
    private bool AskedButUnbound() =>
        !MyInvocation.BoundParameters.ContainsKey(nameof(ExitCode)) && CommandLineText.Asked(nameof(ExitCode), MyInvocation, SessionState);

    private static string Describe(GateExitCode code) => code switch
    {
        GateExitCode.Failed => "a build was judged and failed",
        GateExitCode.NotJudged => "the gate could not judge",
        _ => "passed",
    };
}
