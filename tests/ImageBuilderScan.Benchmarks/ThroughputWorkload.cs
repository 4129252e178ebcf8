
namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Engine against raw baseline on the same emulator, interleaved run by run so machine noise hits
/// both alike; the ratios are medians of the paired runs' ratios (a noisy moment lands in one pair,
/// not in one side's median).
/// </summary>
internal sealed record ThroughputWorkload(string Name, string[] EmulatorOptions, long ExpectedItems, bool Findings, int Iterations)
{
    public const string SampleArn = "arn:aws:imagebuilder:us-east-1:123456789012:image/img-000000/1.0.0/1";

    public async Task<ThroughputResult> RunAsync()
    {
        using var emulator = EmulatorProcess.Start(EmulatorOptions);
        using var engine = ImageBuilderScanClient.Create(Options(emulator.BaseAddress));
        using var raw = new RawBaselineClient(emulator.BaseAddress, EmulatorProcess.AccessKey, EmulatorProcess.SecretKey, "us-east-1");

        Func<Task<long>> runEngine = Findings
            ? () => CountAsync(engine.GetFindingsAsync(new FindingQuery { PageSize = 25 }))
            : () => CountAsync(engine.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [SampleArn] }));
        Func<Task<long>> runRaw = Findings
            ? () => CountAsync(raw.ListFindingsAsync(25))
            : () => CountAsync(raw.ListAggregationsAsync(FilterNames.ImageBuildVersionArn, SampleArn));

        // Warm-up: JIT, connection pool, tiering. Also proves both paths see the same item count.
        var warmEngine = await runEngine();
        var warmRaw = await runRaw();
        if (warmEngine != ExpectedItems || warmRaw != ExpectedItems)
            throw new InvalidOperationException($"{Name}: expected {ExpectedItems} items, engine {warmEngine}, raw {warmRaw}");

        var engineSamples = new List<Sample>();
        var rawSamples = new List<Sample>();
        for (var i = 0; i < Iterations; i++)
        {
            // Alternate which goes first, so neither always runs on the warmer (or noisier) side.
            if (i % 2 == 0)
            {
                engineSamples.Add(await Sample.TakeAsync(runEngine));
                rawSamples.Add(await Sample.TakeAsync(runRaw));
            }
            else
            {
                rawSamples.Add(await Sample.TakeAsync(runRaw));
                engineSamples.Add(await Sample.TakeAsync(runEngine));
            }
        }
        return new ThroughputResult(Name, ExpectedItems, engineSamples, rawSamples);
    }

    public static ScanClientOptions Options(Uri endpoint) => new()
    {
        EndpointUrl = endpoint.ToString(),
        Region = "us-east-1",
        AccessKey = EmulatorProcess.AccessKey,
        SecretKey = EmulatorProcess.SecretKey,
    };

    private static async Task<long> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        long n = 0;
        await foreach (var _ in items) n++;
        return n;
    }
}

internal sealed record ThroughputResult(string Name, long Items, List<Sample> Engine, List<Sample> Raw)
{
    public double EngineSeconds => Stats.Median(Engine.Select(s => s.Elapsed.TotalSeconds));
    public double RawSeconds => Stats.Median(Raw.Select(s => s.Elapsed.TotalSeconds));
    public double EngineBytesPerItem => Stats.Median(Engine.Select(s => s.BytesPerItem));
    public double RawBytesPerItem => Stats.Median(Raw.Select(s => s.BytesPerItem));
    public double TimeRatio => Stats.Median(Engine.Zip(Raw, (e, r) => e.Elapsed.TotalSeconds / r.Elapsed.TotalSeconds));
    public double AllocRatio => Stats.Median(Engine.Zip(Raw, (e, r) => e.BytesPerItem / r.BytesPerItem));
}
