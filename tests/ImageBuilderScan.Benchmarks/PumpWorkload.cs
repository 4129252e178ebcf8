using System.Diagnostics;
using ImageBuilderScan.Adapter;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// What the cmdlets add on top of the engine: the hand-over from the thread pool to the pipeline
/// thread (<see cref="PipelinePump"/>), consumed synchronously as PowerShell's pipeline thread
/// does. Page by page (as the cmdlets run) against the engine alone, and item by item for reference.
/// </summary>
internal static class PumpWorkload
{
    /// <summary>Seconds are medians; ratios are medians of each iteration's ratio (paired runs, as in the throughput table).</summary>
    public sealed record Result(long Items, double EngineSeconds, double PagesSeconds, double ItemsSeconds, double PagesRatio, double ItemsRatio);

    public static async Task<Result> RunAsync(long items, int pageSize, int iterations)
    {
        using var emulator = EmulatorProcess.Start("--synthetic-keys", items.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--page-size", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = ImageBuilderScanClient.Create(ThroughputWorkload.Options(emulator.BaseAddress));
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [ThroughputWorkload.SampleArn] };

        async Task<long> Engine()
        {
            long n = 0;
            await foreach (var _ in client.GetAggregationsAsync(query)) n++;
            return n;
        }

        long Pages()
        {
            long n = 0;
            foreach (var e in new PipelinePump().Run(client.GetAggregationsAsync(query).Pages, CancellationToken.None))
                if (e.Kind == ScanEventKind.Item) n += e.Item!.Items.Count;
            return n;
        }

        long Items()
        {
            long n = 0;
            foreach (var e in new PipelinePump().Run(client.GetAggregationsAsync(query), CancellationToken.None))
                if (e.Kind == ScanEventKind.Item) n++;
            return n;
        }

        if (await Engine() != items || Pages() != items || Items() != items) throw new InvalidOperationException("pump workload: wrong item count");
        var (engine, pages, each) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            await Engine();
            engine.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            Pages();
            pages.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            Items();
            each.Add(clock.Elapsed.TotalSeconds);
        }
        return new Result(items, Stats.Median(engine), Stats.Median(pages), Stats.Median(each),
            Stats.Median(pages.Zip(engine, (p, e) => p / e)), Stats.Median(each.Zip(engine, (i, e) => i / e)));
    }
}
