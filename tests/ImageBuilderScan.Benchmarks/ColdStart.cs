using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// A fresh process's first call, from process start to the first item: the SDK's first-use cost
/// (type loading, JIT, configuration) dominates, and a PowerShell user pays it on every new session.
/// </summary>
internal static class ColdStart
{
    public static async Task<int> ChildAsync(string mode, string endpoint)
    {
        var url = new Uri(endpoint);
        object? first;
        if (mode == "engine")
        {
            using var client = ImageBuilderScanClient.Create(ThroughputWorkload.Options(url));
            await using var e = client.GetAggregationsAsync(new AggregationQuery()).GetAsyncEnumerator();
            first = await e.MoveNextAsync() ? e.Current : null;
        }
        else
        {
            using var client = new RawBaselineClient(url, EmulatorProcess.AccessKey, EmulatorProcess.SecretKey, "us-east-1");
            await using var e = client.ListAggregationsAsync(FilterNames.AccountId, "123456789012").GetAsyncEnumerator();
            first = await e.MoveNextAsync() ? e.Current : null;
        }
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        if (first is null) throw new InvalidOperationException("no first item");
        Console.WriteLine(sinceStart.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    }

    public static (double EngineMs, double RawMs) Measure(Uri endpoint, int runs)
    {
        var engine = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            engine.Add(double.Parse(ChildProcess.Run("coldstart", "engine", endpoint.ToString()), System.Globalization.CultureInfo.InvariantCulture));
            raw.Add(double.Parse(ChildProcess.Run("coldstart", "raw", endpoint.ToString()), System.Globalization.CultureInfo.InvariantCulture));
        }
        return (Stats.Median(engine), Stats.Median(raw));
    }
}
