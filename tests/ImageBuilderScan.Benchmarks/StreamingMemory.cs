using System.Diagnostics;
using System.Globalization;
using ImageBuilderScan.Engine;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Pages N aggregations in a fresh process and reports its peak resident set (VmHWM) and how many
/// requests the emulator had served when the first item arrived (1 means the first item did not
/// wait for later pages).
/// </summary>
internal static class StreamingMemory
{
    public static async Task<int> ChildAsync(string endpoint, long expected)
    {
        var url = new Uri(endpoint);
        using var client = ImageBuilderScanClient.Create(ThroughputWorkload.Options(url));
        using var stats = new HttpClient();
        long count = 0;
        long requestsAtFirstItem = -1;
        var clock = Stopwatch.StartNew();
        double firstItemMs = 0;
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [ThroughputWorkload.SampleArn] };
        await foreach (var _ in client.GetAggregationsAsync(query))
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
        Console.WriteLine(string.Join(' ',
            PeakResidentBytes().ToString(CultureInfo.InvariantCulture),
            requestsAtFirstItem.ToString(CultureInfo.InvariantCulture),
            firstItemMs.ToString("F1", CultureInfo.InvariantCulture),
            clock.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)));
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

    public sealed record Result(long Items, long PeakBytes, long RequestsAtFirstItem, double FirstItemMs, double TotalMs);

    public static Result Measure(long items, int pageSize)
    {
        using var emulator = EmulatorProcess.Start("--synthetic-keys", items.ToString(CultureInfo.InvariantCulture), "--page-size", pageSize.ToString(CultureInfo.InvariantCulture));
        var parts = ChildProcess.Run("memory", emulator.BaseAddress.ToString(), items.ToString(CultureInfo.InvariantCulture)).Split(' ');
        return new Result(items, long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
