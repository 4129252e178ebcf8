using System.Diagnostics;
using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Pages N aggregations in a fresh process (engine or raw baseline) and reports its peak resident
/// set (VmHWM), how many requests the emulator had served when the first item arrived (1 means the
/// first item did not wait for later pages), and what the GC held: the live heap after a full
/// collection at the end (what the listing retains) and the committed heap (what the GC kept
/// around to allocate into).
/// </summary>
internal static class StreamingMemory
{
    public static async Task<int> ChildAsync(string mode, string endpoint, long expected)
    {
        var url = new Uri(endpoint);
        using var engine = mode == "engine" ? ImageBuilderScanClient.Create(ThroughputWorkload.Options(url)) : null;
        using var raw = mode == "raw" ? new RawBaselineClient(url, EmulatorProcess.AccessKey, EmulatorProcess.SecretKey, "us-east-1") : null;
        IAsyncEnumerable<ScanFindingAggregation> items = engine is not null
            ? engine.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [ThroughputWorkload.SampleArn] })
            : raw!.ListAggregationsAsync(FilterNames.ImageBuildVersionArn, ThroughputWorkload.SampleArn);
        using var stats = new HttpClient();
        long count = 0;
        long requestsAtFirstItem = -1;
        var clock = Stopwatch.StartNew();
        double firstItemMs = 0;
        await foreach (var _ in items)
        {
            if (count++ == 0)
            {
                firstItemMs = clock.Elapsed.TotalMilliseconds;
                var json = await stats.GetStringAsync(new Uri(url, "/_emulator/stats"));
                using var doc = System.Text.Json.JsonDocument.Parse(json);
                requestsAtFirstItem = doc.RootElement.GetProperty("total").GetInt64();
            }
        }
        if (count != expected) throw new InvalidOperationException($"expected {expected}, got {count}");
        var totalMs = clock.Elapsed.TotalMilliseconds;
        var peak = PeakResidentBytes();
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var live = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine(string.Join(' ',
            peak.ToString(CultureInfo.InvariantCulture),
            requestsAtFirstItem.ToString(CultureInfo.InvariantCulture),
            firstItemMs.ToString("F1", CultureInfo.InvariantCulture),
            totalMs.ToString("F1", CultureInfo.InvariantCulture),
            live.ToString(CultureInfo.InvariantCulture),
            committed.ToString(CultureInfo.InvariantCulture),
            GC.CollectionCount(0).ToString(CultureInfo.InvariantCulture)));
        return 0;
    }

    /// <summary>Linux's high-water mark of the resident set; elsewhere the runtime's peak working set.</summary>
    private static long PeakResidentBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        return Process.GetCurrentProcess().PeakWorkingSet64;
    }

    public sealed record Result(string Mode, long Items, long PeakBytes, long RequestsAtFirstItem, double FirstItemMs, double TotalMs,
        long LiveBytes, long CommittedBytes, int Gen0Collections);

    /// <summary>
    /// The run with the median peak of <paramref name="runs"/> fresh processes: a process's peak
    /// depends on when its GCs happen to run, and one run can land 20 MiB either way.
    /// </summary>
    public static Result MeasureMedian(string mode, long items, int pageSize, int runs)
    {
        var results = Enumerable.Range(0, runs).Select(_ => Measure(mode, items, pageSize)).OrderBy(r => r.PeakBytes).ToList();
        return results[results.Count / 2];
    }

    public static Result Measure(string mode, long items, int pageSize)
    {
        using var emulator = EmulatorProcess.Start("--synthetic-keys", items.ToString(CultureInfo.InvariantCulture), "--page-size", pageSize.ToString(CultureInfo.InvariantCulture));
        var p = ChildProcess.Run("memory", mode, emulator.BaseAddress.ToString(), items.ToString(CultureInfo.InvariantCulture)).Split(' ');
        var inv = CultureInfo.InvariantCulture;
        return new Result(mode, items, long.Parse(p[0], inv), long.Parse(p[1], inv), double.Parse(p[2], inv), double.Parse(p[3], inv),
            long.Parse(p[4], inv), long.Parse(p[5], inv), int.Parse(p[6], inv));
    }
}
