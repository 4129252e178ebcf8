using System.Management.Automation;
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
[Cmdlet(VerbsData.Export, "IBScanReport")]
[OutputType(typeof(FileInfo))]
public sealed class ExportIBScanReportCommand : CancellableCmdlet
{
    private readonly List<object> _input = [];
    private int _refused;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("Sarif", "JUnit", "Markdown", IgnoreCase = true)]
    public string Format { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1), ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Findings from Get-IBScanFinding, or results from Test-IBScanGate.</summary>
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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject!)
        {
            if (item.BaseObject is ScanFinding or GateResult) _input.Add(item.BaseObject);
            else
            {
                _refused++;
                WriteError(new ErrorRecord(new ArgumentException($"A {item.BaseObject.GetType().Name} is neither a finding from Get-IBScanFinding nor a result from Test-IBScanGate."),
                    "UnsupportedReportInput", ErrorCategory.InvalidType, item));
            }
        }
    }

    protected override void EndProcessing()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        // A report without some of its input would look complete: an empty one for input that was
        // all refused even reads as "no findings". Write none.
        if (_refused > 0)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{_refused} piped object(s) were neither findings from Get-IBScanFinding nor results from Test-IBScanGate, so the report would be incomplete: {path} was not written."),
                "IncompleteReportInput", ErrorCategory.InvalidData, path));
        try
        {
            var images = ReportInput.Images(_input, FailOn);
            var sarif = ArtifactPath is null ? new SarifOptions() : new SarifOptions { ArtifactPath = ArtifactPath };
            ReportWriter.WriteFile(path, Enum.Parse<ReportFormat>(Format, ignoreCase: true), images,
                new ReportWriter.Options { NoClobber = NoClobber.IsPresent, Sarif = sarif }, StopToken);
        }
        catch (Exception error) when (ScanErrorDescription.IsStop(error, StopToken))
        {
            throw new PipelineStoppedException();
        }
        catch (Exception error) when (error is ImageBuilderScanException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            ThrowTerminatingError(ErrorRecords.From(error, path));
        }

        WriteDetail($"Wrote the {Format} report to {path}.");
        if (PassThru.IsPresent) WriteObject(new FileInfo(path));
    }
}
