using System.Collections;
using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Model;

// The namespace is not the folder's: the class full name is in every FullyQualifiedErrorId (see CancellableCmdlet).
namespace ImageBuilderScan.Commands;

/// <summary>
/// Test-IBScanGate: may this build ship? Judges each image's findings against a policy and fails
/// closed: an image whose scan did not complete, or whose findings could not be read completely,
/// fails. A failure ends the script (terminating error ScanGateFailed, SecurityError) after the
/// results are written; -Quiet returns one $true/$false for all images instead.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IBScanGate", DefaultParameterSetName = ImageSet)]
[OutputType(typeof(GateResult), ParameterSetName = [ImageSet, FindingSet])]
[OutputType(typeof(bool))]
public sealed class TestIBScanGateCommand : AwsCmdlet
{
    private const string ImageSet = "ImageBuildVersionArn";
    private const string FindingSet = "InputObject";

    private readonly List<ScanFinding> _findings = [];
    private GatePolicy _policy = null!;

    /// <summary>The builds to judge; with piped findings, builds that may have none.</summary>
    [Parameter(ParameterSetName = ImageSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = FindingSet)]
    [ValidateNotNullOrEmpty]
    public string[]? ImageBuildVersionArn { get; set; }

    /// <summary>Findings from Get-IBScanFinding, judged per image.</summary>
    [Parameter(ParameterSetName = FindingSet, Mandatory = true, ValueFromPipeline = true), ValidateNotNull]
    public ScanFinding[]? InputObject { get; set; }

    [Parameter]
    [ValidateSet("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED", IgnoreCase = true)]
    public string FailOn { get; set; } = "HIGH";

    /// <summary>Allowances per severity, e.g. @{ HIGH = 5 }: up to five HIGH findings pass.</summary>
    [Parameter, ValidateNotNull]
    public Hashtable? MaxCount { get; set; }

    [Parameter]
    public SwitchParameter FixableOnly { get; set; }

    /// <summary>A YAML or JSON exceptions file (see about_ImageBuilderScan).</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? ExceptionPath { get; set; }

    [Parameter]
    public SwitchParameter AllowIncompleteScan { get; set; }

    /// <summary>Count only findings that are not in the previous build of the image's pipeline.</summary>
    [Parameter]
    public SwitchParameter NewOnly { get; set; }

    /// <summary>Count only findings that are not in this build (implies -NewOnly).</summary>
    [Parameter, ValidateNotNullOrEmpty]
    public string? BaselineImageBuildVersionArn { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing()
    {
        var path = ExceptionPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ExceptionPath);
        try
        {
            _policy = GatePolicyParameters.Build(FailOn, MaxCount, FixableOnly.IsPresent, path, AllowIncompleteScan.IsPresent);
        }
        catch (Client.Errors.ImageBuilderScanException error)
        {
            // A policy that cannot be read can never pass anything: stop before any request.
            Terminate(ErrorRecords.From(error, ExceptionPath ?? (object?)FailOn));
        }

        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (InputObject is not null) _findings.AddRange(InputObject);
    }

    protected override void EndProcessing()
    {
        var baseline = GateBaseline.For(BaselineImageBuildVersionArn, NewOnly.IsPresent);
        var gate = new ScanGate(ClientFor, new GateEvaluator(), Log);
        var images = ImageBuildVersionArn ?? [];

        var verdicts = new GateVerdicts();
        var failure = Stream(() => ParameterSetName == FindingSet
                ? gate.EvaluateFindingsAsync(_findings, images, _policy, baseline, StopToken)
                : gate.EvaluateAsync(images, _policy, baseline, StopToken),
            images.Length > 0 ? images : null, result =>
            {
                verdicts.Add(result);
                foreach (var warning in verdicts.NewExpiryWarnings(result)) WriteWarning(warning);
                if (!Quiet.IsPresent) WriteObject(result);
            });
        if (failure is not null) verdicts.AddError(failure.Message);

        if (Quiet.IsPresent) WriteObject(verdicts.AllPassed);
        else if (!verdicts.AllPassed) FailGate(verdicts);
        base.EndProcessing();
    }

    private void FailGate(GateVerdicts verdicts) =>
        Terminate(new ErrorRecord(new InvalidOperationException(verdicts.Describe()), "ScanGateFailed", ErrorCategory.SecurityError,
            verdicts.FailedImages.Count > 0 ? verdicts.FailedImages.ToArray() : ImageBuildVersionArn));

    /// <summary>
    /// Every error that ends the gate ends the script: ThrowTerminatingError only ends the statement,
    /// so a script (and `pwsh -File`, exit code 0) would go on after a gate that failed or could not
    /// judge. Raised like a script's `throw`, it stops an uncaught script; try/catch works as for `throw`.
    /// </summary>
    private protected override void Terminate(ErrorRecord record)
    {
        var scriptRecord = new ErrorRecord(record.Exception, record.FullyQualifiedErrorId + "," + typeof(TestIBScanGateCommand).FullName,
            record.CategoryInfo.Category, record.TargetObject) { ErrorDetails = record.ErrorDetails };
        scriptRecord.CategoryInfo.Activity = MyInvocation.MyCommand.Name;
        throw new RuntimeException(record.Exception.Message, record.Exception, scriptRecord) { WasThrownFromThrowStatement = true };
    }
}
