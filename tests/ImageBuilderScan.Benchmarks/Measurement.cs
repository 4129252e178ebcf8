using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>One timed run: wall time, bytes allocated by the whole process, items produced.</summary>
internal readonly record struct Sample(TimeSpan Elapsed, long AllocatedBytes, long Items)
{
    public double BytesPerItem => Items == 0 ? 0 : (double)AllocatedBytes / Items;

    public static async Task<Sample> TakeAsync(Func<Task<long>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Precise and process-wide: async continuations allocate on pool threads too.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var items = await run();
        clock.Stop();
        return new Sample(clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before, items);
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
