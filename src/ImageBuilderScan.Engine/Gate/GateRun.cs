using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// One run of the gate (one Test-IBScanGate command): every result it decided and every error that kept a build from
/// being judged, in the order decided. Each result knows its run (<see cref="Of"/>), so that a report of results can
/// say what the run decided when only part of it reached the report: a downstream <c>Select-Object -First</c> ended the
/// writing of results (the gate still judged them all), or the run's verdict rests on an error no result carries (a
/// piped object refused, another command's error in its pipeline, a listing that failed). Held weakly: a result no one
/// holds takes its link with it.
/// </summary>
public sealed class GateRun
{
    // The name a report shows for an error of the run itself, which names no build.
    public const string RunLabel = "Test-IBScanGate";

    private static readonly ConditionalWeakTable<GateResult, GateRun> Runs = new();
    private readonly List<GateResult> _results = [];
    private readonly List<string> _errors = [];

    public IReadOnlyList<GateResult> Results => _results;

    public IReadOnlyList<string> Errors => _errors;

    public void Add(GateResult result)
    {
        _results.Add(result);
        Runs.AddOrUpdate(result, this);
    }

    public void AddError(string message) => _errors.Add(message);

    /// <summary>The run that decided <paramref name="result"/>, or null (a result made elsewhere, or a copy).</summary>
    public static GateRun? Of(GateResult result) => Runs.TryGetValue(result, out var run) ? run : null;

    /// <summary>
    /// What a report of <paramref name="piped"/> must show so that it never says less than the gate decided: the results
    /// piped, in their order, then for each run they came from (first seen first) its results that did not pass and were
    /// not piped, and one not-judged result per error of the run (named <see cref="RunLabel"/>, judged by the policy of
    /// the run's results). A passing result left out changes no verdict and stays out (a report of the failures alone).
    /// </summary>
    public static IReadOnlyList<GateResult> Decided(IReadOnlyList<GateResult> piped, GateEvaluator evaluator)
    {
        var shown = new HashSet<GateResult>(piped, ReferenceEqualityComparer.Instance);
        var all = new List<GateResult>(piped);
        var runs = new List<GateRun>();
        foreach (var result in piped)
        {
            if (Of(result) is { } run && !runs.Contains(run)) runs.Add(run);
        }

        foreach (var run in runs)
        {
            all.AddRange(run._results.Where(r => !r.Passed && !shown.Contains(r)));
            var policy = run._results[0].Policy;
            all.AddRange(run._errors.Select(error => evaluator.Evaluate(RunLabel, null, [], policy, error)));
        }

        return all;
    }
}
