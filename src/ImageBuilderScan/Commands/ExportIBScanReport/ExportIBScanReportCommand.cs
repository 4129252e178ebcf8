using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Reports;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Export-IBScanReport: findings or gate results as SARIF 2.1.0 (GitHub code scanning), JUnit XML
/// (test reports of CI systems) or Markdown (job summaries). Written atomically when the input ends:
/// a failed or stopped run leaves no half report. Overwrites like Export-Csv; -NoClobber refuses.
/// </summary>
[Cmdlet(VerbsData.Export, "IBScanReport", SupportsShouldProcess = true, DefaultParameterSetName = nameof(Path))]
[OutputType(typeof(FileInfo))]
public sealed class ExportIBScanReportCommand : CancellableCmdlet
{
    private readonly List<object> _input = [];
    private int _refused;
    private bool _began;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("Sarif", "JUnit", "Markdown", "Html", IgnoreCase = true)]
    public string Format { get; set; } = "";

    /// <summary>The file to write; wildcards must name one existing file (as Out-File's -FilePath).</summary>
    [Parameter(ParameterSetName = nameof(Path), Mandatory = true, Position = 1), ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The file to write, taken as typed: no character is a wildcard.</summary>
    [Parameter(ParameterSetName = nameof(LiteralPath), Mandatory = true), ValidateNotNullOrEmpty]
    [Alias("PSPath", "LP")]
    public string LiteralPath { get; set; } = "";

    /// <summary>Findings from Get-IBScanFinding, or results from Test-IBScanGate; for Html also changes from Compare-IBScanFinding and builds from Get-IBScanHistory.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true), ValidateNotNull]
    public PSObject[]? InputObject { get; set; }

    /// <summary>SARIF: the file alerts point at, e.g. the image recipe; {image} stands for the image name.</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? ArtifactPath { get; set; }

    /// <summary>For findings (not gate results): the lowest severity reported as a failure.</summary>
    [Parameter]
    [ValidateSeverity, ArgumentCompleter(typeof(SeverityCompleter))]
    public string FailOn { get; set; } = "HIGH";

    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>Replace a read-only file too (it stays read-only), as Export-Csv -Force does.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing() => _began = true;

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject!)
        {
            if (ReportInput.Accepts(item.BaseObject, IsHtml)) _input.Add(item.BaseObject);
            else if (Refusal(item, IsHtml, out var copy) is { } refusal)
            {
                _refused++;
                WriteError(new ErrorRecord(new ArgumentException(refusal), "UnsupportedReportInput", ErrorCategory.InvalidType, item));
            }
            else _input.Add(copy!);
        }
    }

    /// <summary>Why <paramref name="item"/> cannot be reported, or null with the finding it copies (Import-Clixml, Start-Job) in <paramref name="copy"/>.</summary>
    private static string? Refusal(PSObject item, bool html, out ScanFinding? copy)
    {
        copy = null;
        if (TypeAccelerators.IsCopyOf(item, typeof(GateResult)))
            return "A copy of a gate result (from Import-Clixml, a job or remoting) cannot be reported: its outcomes are the live gate's. " +
                "Export the report where Test-IBScanGate ran, or pipe the findings (copies are read by their shape) to Test-IBScanGate again.";
        try
        {
            copy = FindingCopies.From(item);
        }
        catch (FormatException e)
        {
            return $"A copy of a finding could not be read: {e.Message}.";
        }

        return copy is null ? $"A {item.BaseObject.GetType().Name} is not report input: expected {ReportInput.Expected(html)}." : null;
    }

    /// <summary>
    /// Every failure of the report's writing is <see cref="Fail"/>'s, whatever raised it: an exception PowerShell or .NET
    /// raised (a confirmation prompt where none can be answered, <c>$ConfirmPreference = 'Low'</c> under -NonInteractive;
    /// a drive that does not exist) would otherwise end only this statement, and the script (and the step, exit 0)
    /// would go on without its report. A stop, <c>exit</c>, this command's own script-ending error and a Stop preference
    /// met by its verbose line (the report is written by then) go on as they are.
    /// </summary>
    protected override void EndProcessing()
    {
        string? path = null;
        try
        {
            WriteReport(out path);
        }
        catch (Exception error) when (error is not (PipelineStoppedException or ExitException or ScriptTermination or ActionPreferenceStopException))
        {
            var where = path ?? (ParameterSetName == nameof(LiteralPath) ? LiteralPath : Path);
            Fail(new ErrorRecord(new IOException($"{ParameterSetName}: {where} was not written: {error.Message}", error), "ReportNotWritten", ErrorCategory.WriteError, where));
        }
    }

    private void WriteReport(out string? path)
    {
        path = null;
        try
        {
            path = ReportPath.Resolve(SessionState.Path, ParameterSetName == nameof(LiteralPath) ? null : Path, LiteralPath);
        }
        catch (ScanInputException error)
        {
            Fail(ErrorRecords.From(error, error.Value));
            return;
        }

        // A report without some of its input would look complete: an empty one for input that was
        // all refused even reads as "no findings". Write none. (Each refusal has said why, and what input is expected:
        // a copy of a gate result is a result of Test-IBScanGate, refused for another reason.)
        if (_refused > 0)
            Fail(new ErrorRecord(new ArgumentException($"{_refused} piped object(s) could not be reported (the error for each says why), so the report would be incomplete: {path} was not written."),
                "IncompleteReportInput", ErrorCategory.InvalidData, path));
        try
        {
            // -FailOn given with gate results would be ignored (the gate decided): refused instead.
            var failOnGiven = MyInvocation.BoundParameters.ContainsKey(nameof(FailOn));
            if (IsHtml)
            {
                var content = ReportInput.Html(_input, FailOn, failOnGiven);
                if (!ShouldProcess(path, $"Write the {Format} report of {content.Images.Count} image(s), {content.Changes.Count} change(s) and {content.History.Count} build(s) of history")) return;
                ReportWriter.WriteHtmlFile(path, content, NoClobber.IsPresent, StopToken, Force.IsPresent);
            }
            else
            {
                var images = ReportInput.Images(_input, FailOn, failOnGiven);
                if (!ShouldProcess(path, $"Write the {Format} report of {images.Count} image(s)")) return;
                // The project URL has one home, the manifest's ProjectUri (a fork sets it there).
                var sarif = new SarifOptions { InformationUri = MyInvocation.MyCommand.Module?.ProjectUri?.ToString() };
                if (ArtifactPath is not null) sarif = sarif with { ArtifactPath = ArtifactPath };
                ReportWriter.WriteFile(path, Enum.Parse<ReportFormat>(Format, ignoreCase: true), images,
                    new ReportWriter.Options { NoClobber = NoClobber.IsPresent, Force = Force.IsPresent, Sarif = sarif }, StopToken);
            }
        }
        catch (Exception error) when (ScanErrorDescription.IsStop(error, StopToken))
        {
            throw new PipelineStoppedException();
        }
        catch (Exception error) when (error is ImageBuilderScanException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            Fail(ErrorRecords.From(error, path));
        }

        WriteDetail($"Wrote the {Format} report to {path}.");
        // Through the provider, as Get-Item: the FileInfo then carries PSParentPath and the other
        // provider properties that the file system table view groups and fills its columns by.
        if (PassThru.IsPresent) WriteObject(InvokeProvider.Item.Get([path], force: true, literalPath: true), enumerateCollection: true);
    }

    /// <summary>
    /// Disposed without ever running, where <c>Test-IBScanGate -ExitCode</c> owns the exit code: PowerShell could not bind a
    /// parameter (an unset <c>-Path $env:OUT</c>, <c>-Format Markdwn</c>, a misspelled name) or a command before it in the
    /// pipeline ended it before it began. No report was written and the binding error ends only the statement, so the
    /// exit code says it: 2, as <see cref="Fail"/> does. Dispose swallows exceptions: the code is set, the script goes on.
    /// </summary>
    private protected override void Release()
    {
        if (_began || !ExitCodeOwner.IsClaimed) return;
        SetProcessExitCode((int)Engine.Gate.GateExitCode.NotJudged);
        SayExit("exit code 2 (the report could not be written), returned when the script ends: the command never ran (a parameter PowerShell could not bind, or a command before it in the pipeline ended it first).");
    }

    private bool IsHtml => string.Equals(Format, nameof(ReportFormat.Html), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A report that cannot be written ends the script (a CI job must not go on without it). Where
    /// <c>Test-IBScanGate -ExitCode</c> owns the exit code, it ends with 2 (not judged, the contract's code for
    /// anything that kept the run from being whole), as the gate does: an uncaught error would give 1.
    /// </summary>
    private void Fail(ErrorRecord record)
    {
        if (ExitCodeOwner.IsClaimed)
        {
            var reason = record.ErrorDetails?.Message is { Length: > 0 } details ? details : record.Exception.Message;
            ExitWith((int)Engine.Gate.GateExitCode.NotJudged, "the report could not be written", reason);
        }

        EndScript(record);
    }
}
