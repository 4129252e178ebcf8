using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>Collects results, checks them against the targets of issue 5 and prints a markdown table.</summary>
internal sealed class Report
{
    private readonly List<ThroughputResult> _throughput = [];
    private readonly List<string> _lines = [];
    private readonly List<string> _notes = [];

    public bool AllTargetsMet { get; private set; } = true;

    public void Add(ThroughputResult r) => _throughput.Add(r);

    public double EngineSecondsFor(string name) => _throughput.Single(r => r.Name == name).EngineSeconds;

    public void ColdStart(double engineMs, double rawMs) =>
        Line("Cold first call (process start to first item)", $"{engineMs:F0} ms", $"{rawMs:F0} ms", engineMs / rawMs, 1.5, "engine / raw");

    public void Memory(StreamingMemory.Result small, StreamingMemory.Result large, StreamingMemory.Result rawSmall, StreamingMemory.Result rawLarge)
    {
        Line($"Peak memory, {large.Items:N0} vs {small.Items:N0} aggregations", Mb(large.PeakBytes), Mb(small.PeakBytes),
            (double)large.PeakBytes / small.PeakBytes, 1.2, "large / small");
        // Context for the line above, no target of its own: the same measure for the raw baseline,
        // and the engine against the raw baseline at the large size.
        Info($"Raw baseline peak memory, {rawLarge.Items:N0} vs {rawSmall.Items:N0}", Mb(rawLarge.PeakBytes), Mb(rawSmall.PeakBytes),
            (double)rawLarge.PeakBytes / rawSmall.PeakBytes, "large / small");
        Info($"Peak memory at {large.Items:N0}, engine vs raw baseline", Mb(large.PeakBytes), Mb(rawLarge.PeakBytes),
            (double)large.PeakBytes / rawLarge.PeakBytes, "engine / raw");
        var streamed = large.RequestsAtFirstItem == 1;
        AllTargetsMet &= streamed;
        _notes.Add($"First item of {large.Items:N0} arrived after {large.FirstItemMs:F0} ms of {large.TotalMs:F0} ms, " +
                   $"when the emulator had served {large.RequestsAtFirstItem} request(s): {(streamed ? "streamed" : "NOT streamed")}.");
        _notes.Add($"Engine heap at the end: live after a full GC {Mb1(small.LiveBytes)} at {small.Items:N0} and {Mb1(large.LiveBytes)} at {large.Items:N0}; " +
                   $"GC committed {Mb1(small.CommittedBytes)} ({small.Gen0Collections} gen0 GCs) and {Mb1(large.CommittedBytes)} ({large.Gen0Collections} gen0 GCs).");
    }

    private void Info(string what, string a, string b, double ratio, string ratioOf) =>
        _lines.Add($"| {what} | {a} | {b} | {ratio:F2} ({ratioOf}) | (context) | |");

    private static string Mb1(long bytes) => $"{bytes / 1048576.0:F1} MiB";

    public void Peer(string workload, double cliSeconds, double engineSeconds) =>
        Line($"AWS CLI vs engine, {workload}", $"{cliSeconds:F2} s", $"{engineSeconds:F2} s",
            cliSeconds / engineSeconds, 5, "cli / engine", higherIsBetter: true);

    public void Pump(PumpWorkload.Result r)
    {
        Line($"Cmdlet hand-over to the pipeline thread, {r.Items:N0} aggregations, page 1000", $"{r.PagesSeconds:F3} s", $"{r.EngineSeconds:F3} s",
            r.PagesRatio, 1.15, "pump / engine");
        Info("The same, handed over item by item (before)", $"{r.ItemsSeconds:F3} s", $"{r.EngineSeconds:F3} s", r.ItemsRatio, "pump / engine");
    }

    public void Note(string note) => _notes.Add(note);

    private void Line(string what, string a, string b, double ratio, double target, string ratioOf, bool higherIsBetter = false)
    {
        var met = higherIsBetter ? ratio >= target : ratio <= target;
        AllTargetsMet &= met;
        _lines.Add($"| {what} | {a} | {b} | {ratio:F2} ({ratioOf}) | {(higherIsBetter ? "≥" : "≤")} {target:F2} | {(met ? "met" : "MISSED")} |");
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MiB";

    public void Print(TextWriter w)
    {
        w.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                    $".NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        w.WriteLine();
        w.WriteLine("| workload | engine s | raw s | time ratio (≤ 1.15) | engine B/item | raw B/item | alloc ratio (≤ 1.5) |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _throughput)
        {
            var timeMet = r.TimeRatio <= 1.15;
            var allocMet = r.AllocRatio <= 1.5;
            AllTargetsMet &= timeMet && allocMet;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.EngineSeconds:F3} | {r.RawSeconds:F3} | {r.TimeRatio:F2}{(timeMet ? "" : " MISSED")} | {r.EngineBytesPerItem:F0} | {r.RawBytesPerItem:F0} | {r.AllocRatio:F2}{(allocMet ? "" : " MISSED")} |"));
        }
        RatioTable.Write(w, "measure", "engine / large", "raw / small", _lines, _notes);
    }
}
