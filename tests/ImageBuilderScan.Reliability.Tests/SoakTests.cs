using System.Collections.Concurrent;
using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Soak: many random fault schedules (1 to 3 faults of any kind, at random requests, repeating, at random counts),
/// each held to exactly once or a typed error that resumes to exactly the rest. IBSCAN_SOAK_ITERATIONS sets the
/// number of schedules (default 20, so CI stays bounded); IBSCAN_SOAK_SEED replays a run (default: a fixed seed, so
/// CI runs the same schedules every time; IBSCAN_SOAK_SEED=random explores new ones; the seed is printed). Iteration i uses seed + i, so a failing iteration replays with the same seed.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 20;
    private const int DefaultSeed = 20260214;
    // Schedules run side by side: most of their time is back-off and latency, not work.
    private const int Concurrency = 4;

    [Fact]
    public async Task Random_fault_schedules_yield_every_item_exactly_once_or_a_typed_error_that_resumes()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("IBSCAN_SOAK_ITERATIONS"), out var n) && n > 0 ? n : DefaultIterations;
        var seed = Seed(Environment.GetEnvironmentVariable("IBSCAN_SOAK_SEED"));
        output.WriteLine($"IBSCAN_SOAK_SEED={seed} IBSCAN_SOAK_ITERATIONS={iterations}");

        var reports = new ConcurrentDictionary<int, string>();
        var failures = new ConcurrentDictionary<int, string>();
        await Parallel.ForAsync(0, iterations, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var (schedule, outcome) = await RunScheduleAsync(seed + i);
            reports[i] = $"#{i} (seed {seed + i}) {schedule} -> {outcome}";
            if (outcome.StartsWith("FAILED", StringComparison.Ordinal)) failures[i] = reports[i];
        });

        foreach (var (_, line) in reports.OrderBy(r => r.Key)) output.WriteLine(line);
        Assert.True(failures.IsEmpty,
            $"Replay with IBSCAN_SOAK_SEED={seed}:\n" + string.Join("\n", failures.OrderBy(f => f.Key).Select(f => f.Value)));
    }

    /// <summary>The fixed default, a given number, or a new random seed only when asked for with "random".</summary>
    private static int Seed(string? setting) =>
        string.Equals(setting, "random", StringComparison.OrdinalIgnoreCase) ? Random.Shared.Next()
        : int.TryParse(setting, out var seed) ? seed
        : string.IsNullOrEmpty(setting) ? DefaultSeed
        : throw new ArgumentException($"IBSCAN_SOAK_SEED is '{setting}': a number, or 'random'.");

    private static async Task<(string Schedule, string Outcome)> RunScheduleAsync(int seed)
    {
        var random = new Random(seed);
        var workload = Workload.Both[random.Next(2)];
        await using var server = await Emulators.StartAsync();
        var pages = workload.PageCount(server.Data);
        var kinds = FaultCatalogue.All.Where(f => !f.AggregationsOnly || workload == Workload.Aggregations).ToArray();
        var plans = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var fault = kinds[random.Next(kinds.Length)];
            return fault.Plan(workload.Operation, random.Next(1, pages + 2)) with
            {
                MaxCount = random.Next(1, 5),
                EveryNth = random.Next(1, 4),
            };
        }).ToArray();
        var schedule = $"{workload}: " + string.Join(", ", plans.Select(p => $"{p.Kind}{(p.Kind == FaultKind.MalformedBody ? "/" + p.Malformation : "")} on {p.OnRequest} every {p.EveryNth} x{p.MaxCount}"));
        foreach (var plan in plans) server.Faults.Add(plan);
        var timeout = plans.Any(p => p.Kind == FaultKind.Latency) ? FaultCatalogue.RequestTimeout : TimeSpan.FromSeconds(20);
        using var client = Emulators.Client(server, maxAttempts: FaultCatalogue.MaxAttempts, timeout: timeout);
        try
        {
            var outcome = await ExactlyOnce.RunAsync(server, workload, client);
            Assert.Equal(workload.Expected(server.Data), outcome.Emitted);
            return (schedule, $"{outcome.Emitted.Count} items, {server.Requests.Total} requests, {outcome.Errors.Count} resumed error(s): "
                + string.Join(", ", outcome.Errors.Select(e => e.ErrorId)));
        }
        catch (Exception e)
        {
            return (schedule, "FAILED: " + e.Message.ReplaceLineEndings(" "));
        }
    }
}
