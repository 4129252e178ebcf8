using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Text;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// What Test-IBScanGate has decided so far, for its last word: the results, errors that kept an image
/// from being judged, the warnings already given for expired exceptions, and the message of the
/// terminating ScanGateFailed error (images and their top violations). In the engine, free of PowerShell, so the
/// message and the verdict are tested in xunit; beside the reports, as it labels builds as they do.
/// </summary>
public sealed class GateVerdicts
{
    private const int TopViolations = 3;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    // Errors of one input (a build, a piped object) and errors about the statement (another command's error upstream): the
    // run holds both (neither passes), but only the first are counted as images in the message.
    private readonly List<string> _inputErrors = [];
    private readonly List<string> _statementErrors = [];

    /// <summary>The run's results and errors, which each result it wrote links to (a report of them says what the run decided).</summary>
    public GateRun Run { get; } = new();

    public void Add(GateResult result) => Run.Add(result);

    public IReadOnlyList<GateResult> Results => Run.Results;

    public int ErrorCount => Run.Errors.Count;

    /// <summary>An input (a build, a piped object) that could not be judged: counted as an image not judged.</summary>
    public void AddError(string message)
    {
        _inputErrors.Add(message);
        Run.AddError(message);
    }

    /// <summary>Something that keeps the whole input from being judged without being one of its images (another
    /// command's error in the gate's statement): not judged, and not counted as an image in the message.</summary>
    public void AddStatementError(string message)
    {
        _statementErrors.Add(message);
        Run.AddError(message);
    }

    /// <summary>Passes only when something was judged, all of it passed, and nothing failed to be read: the exit
    /// contract's own verdict (<see cref="GateExit"/>), so -Quiet, the default and -ExitCode cannot disagree.</summary>
    public bool AllPassed => GateExit.For(Run.Results, Run.Errors.Count) == GateExitCode.Passed;

    public IReadOnlyList<string> FailedImages => Run.Results.Where(r => !r.Passed).Select(r => r.ImageBuildVersionArn).ToList();

    /// <summary>One warning per expired exception that matched a finding, the first time it does (the file's values shown
    /// inert; the module's one warning path scrubs the whole line).</summary>
    public IEnumerable<string> NewExpiryWarnings(GateResult result)
    {
        foreach (var match in result.ExpiredMatches)
        {
            var entry = match.Exception;
            if (!_warned.Add(entry.Location)) continue;
            yield return $"The exception for {InputDisplay.Show(entry.VulnerabilityId)}{(entry.Package is null ? "" : $" ({InputDisplay.Show(entry.Package)})")} at {InputDisplay.Show(entry.Location)} expired on {entry.ExpiresText}: it no longer suppresses.";
        }
    }

    public string Describe()
    {
        var lines = new List<string>();
        // The same build name in two regions (or accounts) must not read as one build.
        foreach (var image in ReportImage.From(Run.Results).Where(i => i.Passed != true))
        {
            var result = image.Gate!;
            var top = result.Violations.OrderByDescending(v => v.Severity).Take(TopViolations)
                .Select(v => $"{InputDisplay.VulnerabilityId(v.Finding.VulnerabilityId)} {v.Severity.ToServiceName()}{(v.Finding.PackageName is { } p ? $" in {InputDisplay.Show(p)}" : "")}");
            var more = result.Violations.Count > TopViolations ? $" and {result.Violations.Count - TopViolations} more" : "";
            var violations = result.Violations.Count > 0 ? $" ({string.Join(", ", top)}{more})" : "";
            lines.Add($"{image.DisplayName}: {result.Summary}{violations}");
        }

        lines.AddRange(_inputErrors.Select(e => "not judged: " + e));
        lines.AddRange(_statementErrors.Select(e => "input not judged as a whole: " + e));
        var failed = FailedImages.Count + _inputErrors.Count;
        var images = Run.Results.Count + _inputErrors.Count;
        // The count is of images: an error about the statement is said apart, never counted as an image that failed.
        var head = failed == 0 && _statementErrors.Count > 0
            ? string.Format(CultureInfo.InvariantCulture, "The scan gate could not judge its input as a whole ({0} image(s) judged, none failed): ", images)
            : string.Format(CultureInfo.InvariantCulture, "The scan gate failed for {0} of {1} image(s): ", failed, images);
        return SecretRedaction.ForOutput(head + string.Join("; ", lines));
    }
}
