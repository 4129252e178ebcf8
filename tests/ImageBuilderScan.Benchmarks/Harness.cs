using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>Runs every workload once, prints the table and writes it to output/bench/latest.md.</summary>
internal static class Harness
{
    /// <param name="engineOnly">Only the throughput rows (engine against the raw baseline): a before/after check of the request path.</param>
    public static async Task<int> RunAsync(bool quick, bool engineOnly = false)
    {
        var report = new Report();
        var scale = quick ? 10 : 1;

        foreach (var (items, page) in new[] { (10_000L, 100), (10_000L, 1000), (100_000L, 100), (100_000L, 1000) })
        {
            var n = items / scale;
            var workload = new ThroughputWorkload($"{n:N0} aggregations, page {page}",
                ["--synthetic-keys", n.ToString(CultureInfo.InvariantCulture), "--page-size", page.ToString(CultureInfo.InvariantCulture)],
                n, Findings: false, Iterations: quick ? 2 : (n >= 100_000 ? 5 : 9));
            report.Add(await workload.RunAsync());
            Console.Error.WriteLine($"done: {workload.Name}");
        }

        var findings = new ThroughputWorkload("findings, page 25", FindingsData.EmulatorOptions, FindingsData.Count, Findings: true, Iterations: quick ? 2 : 9);
        report.Add(await findings.RunAsync());
        Console.Error.WriteLine("done: findings");
        if (engineOnly)
        {
            report.Print(Console.Out);
            return 0;
        }

        var pump = await PumpWorkload.RunAsync(100_000 / scale, 1000, quick ? 2 : 7);
        report.Pump(pump);
        Console.Error.WriteLine("done: pipeline hand-over");

        using (var emulator = EmulatorProcess.Start("--synthetic-keys", "1000", "--page-size", "100"))
        {
            var (engineMs, rawMs) = ColdStart.Measure(emulator.BaseAddress, quick ? 2 : 7);
            report.ColdStart(engineMs, rawMs);
        }
        Console.Error.WriteLine("done: cold start");

        var largeCount = quick ? 100_000 : 1_000_000;
        var runs = quick ? 1 : 3;
        var small = StreamingMemory.MeasureMedian("engine", 10_000, 1000, runs);
        var large = StreamingMemory.MeasureMedian("engine", largeCount, 1000, runs);
        var rawSmall = StreamingMemory.MeasureMedian("raw", 10_000, 1000, runs);
        var rawLarge = StreamingMemory.MeasureMedian("raw", largeCount, 1000, runs);
        report.Memory(small, large, rawSmall, rawLarge);
        Console.Error.WriteLine("done: streaming memory");

        if (AwsCliPeer.Available())
        {
            var n = 10_000L / scale;
            using var emulator = EmulatorProcess.Start("--synthetic-keys", n.ToString(CultureInfo.InvariantCulture), "--page-size", "100");
            var cli = AwsCliPeer.Time(emulator.BaseAddress, n);
            var workload = $"{n:N0} aggregations, page 100";
            report.Peer(workload, cli.TotalSeconds, report.EngineSecondsFor(workload));
        }
        else report.Note("AWS CLI not on PATH: peer comparison skipped.");

        report.Note($"Peak memory: the median of {runs} fresh process(es) per size and client, each paging with page size 1000.");
        report.Note("Throughput: seconds are medians; each ratio is the median of the ratios of paired runs (engine and raw back to back, order alternating), after one warm-up run each.");
        report.Print(Console.Out);
        var path = Path.Combine(RepoPaths.Root(), "output", "bench", "latest.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.CreateText(path)) report.Print(file);
        Console.WriteLine($"written to {path}");
        return report.AllTargetsMet ? 0 : 1;
    }
}

/// <summary>The findings workload's data set: the emulator's generated findings (deterministic seed).</summary>
internal static class FindingsData
{
    // 2 accounts x 5 pipelines x 10 images x 50 findings.
    public static readonly string[] EmulatorOptions =
        ["--seed", "7", "--accounts", "2", "--pipelines", "5", "--images-per-pipeline", "10", "--findings-per-image", "50", "--vulnerabilities", "400"];
    public const long Count = 5000;
}
