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

    /// <summary>The run's results and errors, which each result it wrote links to (a report of them says what the run decided).</summary>
    public GateRun Run { get; } = new();

    public void Add(GateResult result) => Run.Add(result);

    public IReadOnlyList<GateResult> Results => Run.Results;

    public int ErrorCount => Run.Errors.Count;

    public void AddError(string message) => Run.AddError(message);

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

        lines.AddRange(Run.Errors.Select(e => "not judged: " + e));
        var failed = FailedImages.Count + Run.Errors.Count;
        return SecretRedaction.ForOutput(string.Format(CultureInfo.InvariantCulture, "The scan gate failed for {0} of {1} image(s): ", failed, Run.Results.Count + Run.Errors.Count)
            + string.Join("; ", lines));
    }
}
