using System.Text;
using System.Text.Json.Nodes;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

internal static class TestData
{
    /// <summary>samples/findings.json of the repository (found by walking up from the test binaries).</summary>
    public static string SamplePath { get; } = Path.Combine(RepoRoot.Path, "samples", "findings.json");

    public static Task<EmulatorServer> Sample(int pageSize = 100, bool filterMatchesAll = false) =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataFile = SamplePath, AggregationPageSize = pageSize, FilterMatchesAll = filterMatchesAll });
}

/// <summary>
/// An emulator with a caller for its API and an HTTP client for its control API (/_emulator/...); disposing it stops
/// the emulator.
/// </summary>
internal sealed record ControlledSample(EmulatorServer Server, EmulatorCaller Caller, HttpClient Control) : IAsyncDisposable
{
    /// <summary>The sample emulator (samples/findings.json).</summary>
    public static async Task<ControlledSample> StartAsync(int pageSize = 100, bool filterMatchesAll = false) =>
        Over(await TestData.Sample(pageSize, filterMatchesAll));

    public static ControlledSample Over(EmulatorServer server) =>
        new(server, new EmulatorCaller(server), new HttpClient { BaseAddress = server.BaseAddress });

    /// <summary>POSTs this JSON (or nothing) to a control path; the status it answers.</summary>
    public async Task<int> PostAsync(string path, string? json = null)
    {
        using var response = await Control.PostAsync(path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));
        return (int)response.StatusCode;
    }

    /// <summary>The JSON a control path answers.</summary>
    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await Control.GetStringAsync(path))!;

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        Caller.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The sample emulator with one fault plan installed.</summary>
internal static class FaultedSample
{
    public static async Task<ControlledSample> StartAsync(FaultPlan plan, int pageSize = 100, bool filterMatchesAll = false)
    {
        var sample = await ControlledSample.StartAsync(pageSize, filterMatchesAll);
        sample.Server.Faults.Add(plan);
        return sample;
    }

    /// <summary>The sample emulator's answer to one request (no filter) of <paramref name="operation"/> under this fault plan.</summary>
    public static async Task<Reply> AnswerAsync(FaultPlan plan, EmulatorOperation operation = EmulatorOperation.ListImageScanFindingAggregations)
    {
        await using var sample = await StartAsync(plan);
        return operation == EmulatorOperation.ListImageScanFindings ? await sample.Caller.Findings() : await sample.Caller.Aggregations();
    }
}
