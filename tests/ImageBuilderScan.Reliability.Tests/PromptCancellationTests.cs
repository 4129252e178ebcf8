using System.Diagnostics;
using ImageBuilderScan.Emulator;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Reliability.Tests.Support;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Prompt cancellation: a stop (Ctrl+C, a runbook's timeout) while a request hangs or while the client waits to
/// retry ends the listing within a second and sends nothing more. The asserts allow 3 s, not 1 s, because this
/// 2-core machine is noisy and other test classes run beside this one; a client that waited for the hanging
/// request (10 s) or the back-off would still fail them by a wide margin.
/// </summary>
public sealed class PromptCancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData("latency")]
    [InlineData("throttled back-off")]
    public async Task Cancelling_returns_promptly_and_sends_no_further_request(string during)
    {
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(during == "latency"
            ? new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 10_000, MaxCount = 100 }
            : new FaultPlan { Kind = FaultKind.Throttle, MaxCount = 100 });
        using var client = Emulators.Client(server, maxAttempts: 10, timeout: TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();

        var listing = Task.Run(async () => await client.GetAggregationsAsync(new AggregationQuery(), cts.Token).ToListAsync());
        for (var i = 0; i < 200 && server.Requests.Total == 0; i++) await Task.Delay(25);
        Assert.True(server.Requests.Total > 0, "the first request never arrived");

        var sent = server.Requests.Total;
        var clock = Stopwatch.StartNew();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);
        var elapsed = clock.Elapsed;

        Assert.True(elapsed < Bound, $"cancellation took {elapsed.TotalMilliseconds:F0} ms");
        await Task.Delay(500); // anything still queued would arrive by now
        Assert.Equal(sent, server.Requests.Total);
    }

    [Fact]
    public async Task Cancelling_between_pages_sends_no_further_request()
    {
        await using var server = await Emulators.StartAsync();
        using var client = Emulators.Client(server);
        using var cts = new CancellationTokenSource();
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = Workload.Aggregations.Values(server.Data) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetAggregationsAsync(query, cts.Token)) await cts.CancelAsync();
        });
        Assert.Equal(1, server.Requests.Total);
    }
}
