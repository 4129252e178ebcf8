using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

internal static class TestData
{
    /// <summary>samples/findings.json of the repository (found by walking up from the test binaries).</summary>
    public static string SamplePath { get; } = Path.Combine(RepoRoot.Path, "samples", "findings.json");

    public static Task<EmulatorServer> Sample(int pageSize = 100, bool filterMatchesAll = false) =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataFile = SamplePath, AggregationPageSize = pageSize, FilterMatchesAll = filterMatchesAll });
}

/// <summary>The sample emulator with one fault plan installed, and a caller for it; disposing it stops the emulator.</summary>
internal sealed record FaultedSample(EmulatorServer Server, EmulatorCaller Caller) : IAsyncDisposable
{
    public static async Task<FaultedSample> StartAsync(FaultPlan plan, int pageSize = 100, bool filterMatchesAll = false)
    {
        var server = await TestData.Sample(pageSize, filterMatchesAll);
        server.Faults.Add(plan);
        return new FaultedSample(server, new EmulatorCaller(server));
    }

    /// <summary>The sample emulator's answer to one request (no filter) of <paramref name="operation"/> under this fault plan.</summary>
    public static async Task<Reply> AnswerAsync(FaultPlan plan, EmulatorOperation operation = EmulatorOperation.ListImageScanFindingAggregations)
    {
        await using var sample = await StartAsync(plan);
        return operation == EmulatorOperation.ListImageScanFindings ? await sample.Caller.Findings() : await sample.Caller.Aggregations();
    }

    public async ValueTask DisposeAsync()
    {
        Caller.Dispose();
        await Server.DisposeAsync();
    }
}
