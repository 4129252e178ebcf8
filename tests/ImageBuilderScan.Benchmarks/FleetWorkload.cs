using System.Diagnostics;
using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Issue 14's fan-out row: 2 member accounts (roles) x 17 regions against the emulator with 50 ms added
/// to every request. The fan-out (ThrottleLimit 8) against the ideal (targets / 8 x one target's mean
/// time, measured by the sequential loop in the same round) and against that loop (foreach region,
/// foreach role, one listing each: what users write today); the live managed heap's peak (after a full
/// collection, sampled as pages arrive, in untimed runs) for 17 and for 34 targets, to show it does not
/// grow with their number. Alternating rounds, medians.
/// </summary>
internal static class FleetWorkload
{
    private static readonly string[] Regions =
    [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
        "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "sa-east-1", "me-south-1",
    ];

    private const int Throttle = 8;

    public sealed record Result(int Targets, double FleetSeconds, double SequentialSeconds, double IdealSeconds, long Items,
        double PeakHeap17MiB, double PeakHeap34MiB)
    {
        public double IdealRatio => FleetSeconds / IdealSeconds;
        public double Speedup => SequentialSeconds / FleetSeconds;
        public double MemoryRatio => PeakHeap34MiB / PeakHeap17MiB;
    }

    public static async Task<Result> RunAsync(int rounds)
    {
        using var emulator = EmulatorProcess.Start("--regions", string.Join(',', Regions), "--region-scope", "on", "--accounts", "3",
            "--pipelines", "17", "--images-per-pipeline", "1", "--findings-per-image", "6", "--findings-page-size", "3", "--latency-ms", "50");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", emulator.BaseAddress.ToString());
        var caller = ThroughputWorkload.Options(emulator.BaseAddress) with { Region = null, MaxAttempts = 3 };
        var roles = await MemberRolesAsync(caller with { Region = "us-east-1" });
        var targets = FleetPlan.Targets(caller, Regions, roles, []);
        var half = FleetPlan.Targets(caller, Regions, roles.Take(1).ToList(), []);

        var (fleet, sequential, ideal) = (new List<double>(), new List<double>(), new List<double>());
        long items = 0;
        double peak17 = 0, peak34 = 0;
        for (var round = 0; round < rounds; round++)
        {
            var (seconds, perTarget, count) = await SequentialAsync(targets);
            sequential.Add(seconds);
            ideal.Add(targets.Count / (double)Throttle * perTarget);
            var (fleetSeconds, fleetCount, _) = await FleetAsync(targets, measureMemory: false);
            if (fleetCount != count) throw new InvalidOperationException($"fan-out listed {fleetCount} findings, the loop {count}");
            fleet.Add(fleetSeconds);
            items = count;
            // Untimed runs: the live heap (after a full collection) sampled as pages arrive.
            peak34 = Math.Max(peak34, (await FleetAsync(targets, measureMemory: true)).PeakMiB);
            peak17 = Math.Max(peak17, (await FleetAsync(half, measureMemory: true)).PeakMiB);
        }

        return new Result(targets.Count, Stats.Median(fleet), Stats.Median(sequential), Stats.Median(ideal), items, peak17, peak34);
    }

    /// <summary>The member accounts of the generated data (the caller is the delegated administrator and sees them all).</summary>
    private static async Task<IReadOnlyList<string>> MemberRolesAsync(ScanClientOptions caller)
    {
        var accounts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var region in Regions)
        {
            using var client = ImageBuilderScanClient.Create(caller with { Region = region });
            await foreach (var a in client.GetAggregationsAsync(new AggregationQuery())) accounts.Add(a.Key);
        }

        return accounts.Take(2).Select(a => $"arn:aws:iam::{a}:role/Audit").ToList();
    }

    private static async Task<(double Seconds, double PerTarget, long Items)> SequentialAsync(IReadOnlyList<FleetTarget> targets)
    {
        long items = 0;
        var clock = Stopwatch.StartNew();
        foreach (var target in targets)
        {
            using var client = ImageBuilderScanClient.Create(target.Options);
            await foreach (var _ in client.GetFindingsAsync(new FindingQuery { PageSize = 3 })) items++;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return (seconds, seconds / targets.Count, items);
    }

    private static async Task<(double Seconds, long Items, double PeakMiB)> FleetAsync(IReadOnlyList<FleetTarget> targets, bool measureMemory)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long items = 0, peak = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var e in new FleetRunner(Throttle).RunAsync(targets, (client, ct) => client.GetFindingsAsync(new FindingQuery { PageSize = 3 }, ct).Pages))
        {
            if (e.Kind == FleetEventKind.Failed) throw new InvalidOperationException($"{e.Target.Label} failed: {e.Error}");
            if (e.Kind == FleetEventKind.Page) items += e.Page!.Items.Count;
            if (measureMemory) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
        }

        return (clock.Elapsed.TotalSeconds, items, peak / (1024.0 * 1024.0));
    }

    public static string Markdown(Result r) => string.Join('\n',
        $"| measure ({r.Targets} targets: 2 roles x 17 regions, 50 ms a request, ThrottleLimit {Throttle}, {r.Items} findings) | value | target | |",
        "|---|---:|---:|---|",
        Row("Fan-out wall time / ideal (targets / ThrottleLimit x one target's mean)", $"{r.FleetSeconds:0.00} s / {r.IdealSeconds:0.00} s = {r.IdealRatio:0.00}", "≤ 1.25", r.IdealRatio <= 1.25),
        Row("Sequential loop / fan-out (foreach region, foreach role)", $"{r.SequentialSeconds:0.00} s / {r.FleetSeconds:0.00} s = {r.Speedup:0.0}x", "≥ 6x", r.Speedup >= 6),
        Row("Peak live managed heap, 34 targets / 17 targets", $"{r.PeakHeap34MiB:0.0} MiB / {r.PeakHeap17MiB:0.0} MiB = {r.MemoryRatio:0.00}", "≤ 1.20 (flat)", r.MemoryRatio <= 1.2));

    private static string Row(string name, string value, string target, bool met) =>
        $"| {name} | {value} | {target} | {(met ? "met" : "MISSED")} |";
}
