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

    /// <summary>Sets the host's exit code and <c>$LASTEXITCODE</c> without ending the script.</summary>
    private protected void SetProcessExitCode(int code)
    {
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
    private protected void Warn(string message) => WriteWarning(Client.Errors.SecretRedaction.ForOutput(message));

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
        if (bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true } && !bound.ContainsKey("Verbose")) WriteDebug(message);
        else WriteVerbose(message);
    }
}
