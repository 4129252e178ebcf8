namespace ImageBuilderScan.Commands;

/// <summary>
/// The one owner of a command's stop: a token that Ctrl+C or <c>PowerShell.Stop()</c> cancels
/// (through <see cref="StopProcessing"/>), passed down to every awaited call, and the turn of the
/// resulting cancellation into <see cref="PipelineStoppedException"/>. Every cmdlet derives from it.
/// </summary>
/// <remarks>
/// Folders group the module by cmdlet (Commands/&lt;Verb&gt;&lt;Noun&gt;/); namespaces say the role, not the
/// folder: every cmdlet stays <c>ImageBuilderScan.Commands.&lt;Verb&gt;&lt;Noun&gt;Command</c>, because an error
/// record's FullyQualifiedErrorId ends with that full name ("ScanGateFailed,ImageBuilderScan.Commands.TestIBScanGateCommand")
/// and users' scripts match it. Renaming a cmdlet class or its namespace breaks them.
/// </remarks>
public abstract class CancellableCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private protected CancellationToken StopToken => _stop.Token;

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>What a command holds beyond its stop (clients): released once, on dispose.</summary>
    private protected virtual void Release()
    {
    }

    /// <summary>
    /// Cancels and awaits engine work a command still holds (a window of builds in flight), when it stopped or ended:
    /// never left running; given five seconds, and its failures reach no one any more.
    /// </summary>
    private protected static void Abandon(IAsyncDisposable? work)
    {
        if (work is null) return;
        try
        {
            work.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Their failures no longer reach anyone.
        }
    }

    public void Dispose()
    {
        Release();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Ends the script, not only the statement: ThrowTerminatingError ends one statement, so a script (and
    /// <c>pwsh -File</c>, exit code 0) would go on without what this command was to do. Raised like a script's
    /// <c>throw</c>: an uncaught one stops the script; try/catch and -ErrorAction work as for <c>throw</c>.
    /// </summary>
    private protected void EndScript(ErrorRecord record)
    {
        var scriptRecord = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId + "," + GetType().FullName,
            record.CategoryInfo.Category, record.TargetObject) { ErrorDetails = record.ErrorDetails };
        scriptRecord.CategoryInfo.Activity = MyInvocation.MyCommand.Name;
        throw new ScriptTermination(record.Exception.Message, record.Exception, scriptRecord);
    }

    /// <summary>A command's own script-ending error (raised like <c>throw</c>), told apart from any other exception.</summary>
    private protected sealed class ScriptTermination : RuntimeException
    {
        public ScriptTermination(string message, Exception inner, ErrorRecord record)
            : base(message, inner, record) => WasThrownFromThrowStatement = true;
    }

    /// <summary>
    /// The CI exit contract's one way to end the process with a code (Test-IBScanGate -ExitCode, and a report that cannot
    /// be written after it): the code is set first (the host's exit code and <c>$LASTEXITCODE</c>), so that a host without
    /// a UI still gets it; then the reason goes to the host's error stream whatever the preferences, and the script ends.
    /// </summary>
    private protected void ExitWith(int code, string what, string reason)
    {
        SetProcessExitCode(code);
        SayExit($"exit {code} ({what}): {reason}");
        InvokeCommand.InvokeScript($"exit {code}");
    }

    /// <summary>
    /// Sets the host's exit code and <c>$LASTEXITCODE</c> without ending the script; the process will not end with 0
    /// after it (<see cref="Adapter.ExitCodeOwner.Decide"/>: a later <c>exit 0</c>, or a command in another runspace).
    /// </summary>
    private protected void SetProcessExitCode(int code)
    {
        Adapter.ExitCodeOwner.Decide(code);
        Host.SetShouldExit(code);
        SessionState.PSVariable.Set("global:LASTEXITCODE", code);
    }

    /// <summary>One line on the host's error stream (none in a host without a UI), scrubbed and inert.</summary>
    private protected void SayExit(string text) =>
        Host.UI?.WriteErrorLine($"{MyInvocation.MyCommand.Name}: {Client.Errors.SecretRedaction.ForOutput(text)}");

    /// <summary>
    /// The module's one warning path (every warning goes here, never to WriteWarning directly: LayerTests checks): whatever
    /// the text carries from the wire or a file, secrets are scrubbed and it is made inert first
    /// (<see cref="Client.Errors.SecretRedaction.ForOutput"/>: no escape sequence, bidi control or CI runner command raw).
    /// </summary>
    private protected void Warn(string message)
    {
        message = Client.Errors.SecretRedaction.ForOutput(message);
        BeforeWriting(PreferenceStream.Warning, message);
        WriteWarning(message);
    }

    /// <summary>
    /// A verbose line, or a debug line under -Debug without -Verbose: PowerShell gives a cmdlet's verbose
    /// stream the Inquire preference under -Debug, so each verbose line would stop at a "Continue with
    /// this operation?" prompt (and fail where no one can answer) instead of being shown.
    /// </summary>
    /// <remarks>Secrets are scrubbed and the text made inert first (<see cref="Client.Errors.SecretRedaction.ForOutput"/>).</remarks>
    private protected void WriteDetail(string message)
    {
        message = Client.Errors.SecretRedaction.ForOutput(message);
        var bound = MyInvocation.BoundParameters;
        if (bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true } && !bound.ContainsKey("Verbose")) WriteDebugLine(message);
        else
        {
            BeforeWriting(PreferenceStream.Verbose, message);
            WriteVerbose(message);
        }
    }

    /// <summary>A debug line (already scrubbed and made inert).</summary>
    private protected void WriteDebugLine(string message)
    {
        BeforeWriting(PreferenceStream.Debug, message);
        WriteDebug(message);
    }

    /// <summary>A progress record (already scrubbed and made inert).</summary>
    private protected void ShowProgressRecord(ProgressRecord record)
    {
        BeforeWriting(PreferenceStream.Progress, record.StatusDescription);
        WriteProgress(record);
    }

    /// <summary>
    /// Called before each line written beside the output (warning, verbose, debug, progress). Where that stream's preference is Stop,
    /// PowerShell would record the write as the pipeline's failure and stop the command, and pwsh then exits 1 whatever
    /// the command sets or runs after (seen under a real <c>pwsh -File</c>): so a command that owns the exit code
    /// (<see cref="OnPreferenceStop"/>) is told before the write, while it can still end the script its way.
    /// </summary>
    private void BeforeWriting(PreferenceStream stream, string text)
    {
        if (WatchesPreferenceStops && PreferenceOf(stream) == ActionPreference.Stop) OnPreferenceStop(stream, text);
    }

    /// <summary>Whether <see cref="OnPreferenceStop"/> is to be called (the preference is looked up only then).</summary>
    private protected virtual bool WatchesPreferenceStops => false;

    /// <summary>A line for <paramref name="stream"/>, whose preference is Stop, is about to be written (see <see cref="BeforeWriting"/>).</summary>
    private protected virtual void OnPreferenceStop(PreferenceStream stream, string text)
    {
    }

    /// <summary>
    /// The preference this command's writes to <paramref name="stream"/> meet, as PowerShell decides it: the common
    /// parameter when given (-WarningAction, -ProgressAction; -Verbose and -Debug mean Continue or SilentlyContinue), else the
    /// preference variable in the caller's scope.
    /// </summary>
    private ActionPreference PreferenceOf(PreferenceStream stream)
    {
        var bound = MyInvocation.BoundParameters;
        var (parameter, variable) = stream switch
        {
            PreferenceStream.Warning => ("WarningAction", "WarningPreference"),
            PreferenceStream.Verbose => ("Verbose", "VerbosePreference"),
            PreferenceStream.Debug => ("Debug", "DebugPreference"),
            _ => ("ProgressAction", "ProgressPreference"),
        };
        if (bound.TryGetValue(parameter, out var given))
        {
            if (given is ActionPreference action) return action;
            if (given is SwitchParameter flag) return flag.IsPresent ? ActionPreference.Continue : ActionPreference.SilentlyContinue;
        }

        var value = SessionState.PSVariable.GetValue(variable);
        return value is ActionPreference preference ? preference
            : Enum.TryParse<ActionPreference>(value?.ToString(), ignoreCase: true, out var named) ? named : ActionPreference.Continue;
    }
}

/// <summary>The streams beside the output whose preference can stop a command (the module writes no information records).</summary>
internal enum PreferenceStream
{
    Warning,
    Verbose,
    Debug,
    Progress,
}
