using System.Collections;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Reports;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Test-IBScanGate: may this build ship? Judges each image's findings against a policy and fails
/// closed: an image whose scan did not complete, or whose findings could not be read completely,
/// fails. A failure ends the script (terminating error ScanGateFailed, SecurityError) after the
/// results are written; -Quiet returns one $true/$false for all images instead; -ExitCode ends the
/// process with the CI exit code (TestIBScanGateCommand.ExitCode.cs). Builds are read at most
/// -ThrottleLimit at once, results in input order; -WaitForScan waits for scans still running.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "IBScanGate", DefaultParameterSetName = ImageSet)]
[OutputType(typeof(GateResult), ParameterSetName = [ImageSet, PipelineSet, FindingSet])]
[OutputType(typeof(bool))]
public sealed partial class TestIBScanGateCommand : ScanWaitingCmdlet
{
    private const string ImageSet = "ImageBuildVersionArn";
    private const string PipelineSet = "ImagePipelineArn";
    private const string FindingSet = "InputObject";

    private readonly List<ScanFinding> _findings = [];
    // Builds named by piped objects (build, image version or pipeline ARNs), each once (FirstTime), in the order they came.
    private readonly List<string> _piped = [];
    // Piped objects that named no build: the gate cannot pass on what it was not given.
    private readonly List<string> _refused = [];
    private readonly GateVerdicts _verdicts = new();
    private GatePolicy _policy = null!;

    /// <summary>
    /// The builds to judge (an image version or pipeline ARN stands for its newest build); with piped findings,
    /// builds that may have none.
    /// </summary>
    /// <remarks>
    /// Empty and null are let through binding on purpose (an unset <c>$env:IMAGE_ARN</c>): refused in
    /// BeginProcessing, so the refusal is the gate's own (exit 2 under -ExitCode), not a binding error
    /// that ends only the statement.
    /// </remarks>
    [Parameter(ParameterSetName = ImageSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = FindingSet)]
    [AllowNull, AllowEmptyString, AllowEmptyCollection]
    public string[]? ImageBuildVersionArn { get; set; }

    /// <summary>Pipelines whose newest build (by creation date) is judged. Empty values are refused by the gate, as for -ImageBuildVersionArn.</summary>
    [Parameter(ParameterSetName = PipelineSet, Mandatory = true)]
    [AllowNull, AllowEmptyString, AllowEmptyCollection]
    public string[]? ImagePipelineArn { get; set; }

    /// <summary>
    /// Findings from Get-IBScanFinding (or their copies from Import-Clixml, jobs, remoting, by shape), judged per image; or anything that names a build: ARN strings (build, image
    /// version, pipeline), image and pipeline aggregations, AWS Tools objects by Arn, objects with ImageBuildVersionArn.
    /// </summary>
    /// <remarks>
    /// Binds whatever is piped, in every set that can be piped to: a piped object that failed binding ($null under
    /// [ValidateNotNull], anything piped beside -ImagePipelineArn) would be an error record the gate never sees, dropped
    /// while the rest passed. Refused in ProcessRecord instead, as the gate's own error (not judged).
    /// </remarks>
    [Parameter(ParameterSetName = FindingSet, Mandatory = true, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = PipelineSet, ValueFromPipeline = true)]
    [AllowNull, AllowEmptyCollection]
    public PSObject?[]? InputObject { get; set; }

    /// <summary>
    /// The lowest severity that fails. Checked by the gate (SeverityRank.Parse), not at binding: a misspelled
    /// value must be the gate's own refusal (exit 2 under -ExitCode), not a binding error that ends only the statement.
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(SeverityCompleter))]
    public string FailOn { get; set; } = "HIGH";

    /// <summary>Allowances per severity, e.g. @{ HIGH = 5 }: up to five HIGH findings pass.</summary>
    [Parameter, ValidateNotNull]
    public Hashtable? MaxCount { get; set; }

    [Parameter]
    public SwitchParameter FixableOnly { get; set; }

    /// <summary>A YAML or JSON exceptions file (see about_ImageBuilderScan). Empty is refused by the gate, not at binding.</summary>
    [Parameter]
    public string? ExceptionPath { get; set; }

    [Parameter]
    public SwitchParameter AllowIncompleteScan { get; set; }

    /// <summary>Count only findings that are not in the previous build of the image's pipeline.</summary>
    [Parameter]
    public SwitchParameter NewOnly { get; set; }

    /// <summary>Count only findings that are not in this build (implies -NewOnly). Empty is refused by the gate, not at binding.</summary>
    [Parameter]
    public string? BaselineImageBuildVersionArn { get; set; }

    /// <summary>Accept a named baseline that is the build itself, not older than it, or of another pipeline.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void BeginProcessing() => Guard(() =>
    {
        MarkErrorLog();
        if (ExitCode.IsPresent) ExitCodeOwner.Claim();
        try
        {
            ScanGate.RequireNamedBuilds(ImageBuildVersionArn, ParameterSetName == ImageSet);
            var bound = MyInvocation.BoundParameters;
            GatePolicyParameters.RequireGiven(bound, nameof(ImagePipelineArn), ImagePipelineArn, "one or more image pipeline ARNs (arn:aws:imagebuilder:<region>:<account>:image-pipeline/<name>)");
            GatePolicyParameters.RequireGiven(bound, nameof(ExceptionPath), [ExceptionPath], "the path of a YAML or JSON exceptions file");
            GatePolicyParameters.RequireGiven(bound, nameof(BaselineImageBuildVersionArn), [BaselineImageBuildVersionArn], "an image build version ARN, e.g. arn:aws:imagebuilder:us-east-1:123456789012:image/my-image/1.0.0/1");
            _policy = GatePolicyParameters.Build(FailOn, MaxCount, FixableOnly.IsPresent, ResolveExceptionPath(), AllowIncompleteScan.IsPresent);
        }
        catch (ImageBuilderScanException error)
        {
            // A policy that cannot be read can never pass anything: stop before any request.
            Terminate(ErrorRecords.From(error, ExceptionPath ?? (object?)FailOn));
        }

        base.BeginProcessing();
    });

    protected override void ProcessRecord() => Guard(() =>
    {
        if (!MyInvocation.BoundParameters.ContainsKey(nameof(InputObject))) return;
        foreach (var input in InputObject ?? [null])
        {
            if (input is null || ParameterSetName == PipelineSet)
            {
                _refused.Add(ReportFailure(Unjudged(input), input is null ? null : PipedInput.TargetOf(input)).Message);
                continue;
            }

            if (input.BaseObject is ScanFinding finding)
            {
                _findings.Add(finding);
                continue;
            }

            // A copy of a finding is judged as the finding (the count check against the service still holds),
            // not as a name of its build: leaving one out must fail the gate as leaving out a live one does.
            try
            {
                if (FindingCopies.From(input) is { } copy)
                {
                    _findings.Add(copy);
                    continue;
                }
            }
            catch (FormatException error)
            {
                _refused.Add(ReportFailure(new ScanInputException("InputObject", null, "a finding from Get-IBScanFinding, or a copy of one with its members whole",
                    $"a copy of a finding could not be read: {error.Message}."), PipedInput.TargetOf(input)).Message);
                continue;
            }

            try
            {
                var build = PipedInput.BuildFor(input);
                if (FirstTime(build)) _piped.Add(build);
            }
            catch (ScanInputException error)
            {
                _refused.Add(ReportFailure(error, PipedInput.TargetOf(input)).Message);
            }
        }
    });

    protected override void EndProcessing() => Guard(() =>
    {
        var baseline = GateBaseline.For(BaselineImageBuildVersionArn, NewOnly.IsPresent, Force.IsPresent);
        var gate = new ScanGate(ClientFor, new GateEvaluator(), Log, Wait(), ThrottleLimit);
        var images = ImageBuildVersionArn ?? [];
        // ARNs typed with a -Region they are not in are refused before anything is sent (as the listings refuse them):
        // each judging below starts with it, so the refusal is the gate's error (not judged), never a pass.
        void RefuseOtherRegions() => gate.RefuseOtherRegions(images, ImagePipelineArn ?? [], BaselineImageBuildVersionArn);

        var verdicts = _verdicts;
        foreach (var refused in _refused) verdicts.AddError(refused);
        void Judge(Func<IAsyncEnumerable<GateResult>> open, object? target)
        {
            var failure = Stream(open, target, result =>
            {
                verdicts.Add(result);
                foreach (var warning in verdicts.NewExpiryWarnings(result)) Warn(warning);
                if (!Quiet.IsPresent) Emit(result);
            });
            if (failure is not null) verdicts.AddError(failure.Message);
        }

        try
        {
            switch (ParameterSetName)
            {
                case PipelineSet:
                    Judge(() =>
                    {
                        var pipelines = BuildScans.RequirePipelines(ImagePipelineArn!, PipelineSet);
                        RefuseOtherRegions();
                        return gate.EvaluateAsync(pipelines, _policy, baseline, StopToken, PipelineSet);
                    }, ImagePipelineArn);
                    break;
                case FindingSet:
                    // Builds named beside piped build names (no findings) are judged with them, never left out: a named
                    // build the gate did not read must not end green.
                    if (_findings.Count == 0 && _piped.Count > 0)
                    {
                        foreach (var named in images)
                        {
                            if (FirstTime(named)) _piped.Add(named);
                        }
                    }

                    if (_findings.Count > 0 || _piped.Count == 0)
                    {
                        Judge(() =>
                        {
                            RefuseOtherRegions();
                            return gate.EvaluateFindingsAsync(_findings, images, _policy, baseline, StopToken);
                        }, images.Length > 0 ? images : null);
                    }
                    if (_piped.Count > 0)
                    {
                        Judge(() =>
                        {
                            // The typed builds went in with the piped ones (and were not checked above).
                            if (_findings.Count == 0) RefuseOtherRegions();
                            return gate.EvaluateAsync(_piped, _policy, baseline, StopToken, FindingSet);
                        }, null);
                    }
                    break;
                default:
                    Judge(() =>
                    {
                        RefuseOtherRegions();
                        return gate.EvaluateAsync(images, _policy, baseline, StopToken);
                    }, images);
                    break;
            }
        }
        finally
        {
            CompleteProgress();
        }

        RefuseWhatOthersWrote(verdicts);
        if (ExitCode.IsPresent) EndWithVerdict();
        else if (Quiet.IsPresent) WriteObject(verdicts.AllPassed);
        else if (!verdicts.AllPassed) FailGate(verdicts);
        base.EndProcessing();
    });

    /// <summary>
    /// -ExceptionPath as a file system path. A path no provider can resolve (<c>C:\ci\x.yaml</c> on Linux)
    /// is the gate's refusal naming the parameter, like a file that cannot be read.
    /// </summary>
    private string? ResolveExceptionPath()
    {
        if (ExceptionPath is null) return null;
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(ExceptionPath);
        }
        catch (Exception error) when (error is not PipelineStoppedException)
        {
            throw new ScanInputException("ExceptionPath", ExceptionPath, "the path of a YAML or JSON exceptions file on the file system",
                $"the path does not resolve to a file system path: {error.Message}");
        }
    }

    /// <summary>A piped $null (an unset variable), or anything piped beside -ImagePipelineArn, which judges the pipelines named.</summary>
    private ScanInputException Unjudged(PSObject? input) => input is null
        ? new ScanInputException(nameof(InputObject), null, "a build ARN, a finding from Get-IBScanFinding or an object that names a build",
            "a piped object was $null (an unset variable?), and the gate cannot pass a build it was not given.")
        : new ScanInputException(nameof(InputObject), null, "input piped without -ImagePipelineArn, or -ImagePipelineArn without piped input",
            "an object was piped with -ImagePipelineArn, which judges the newest build of each pipeline named: the piped object would not be judged.");

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
        if (ExitCode.IsPresent) EndProcess(GateExitCode.NotJudged, record);
        EndScript(record);
    }
}
