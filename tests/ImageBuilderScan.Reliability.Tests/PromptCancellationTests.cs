using ImageBuilderScan.Reliability.Tests.Support;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Prompt cancellation: a stop (Ctrl+C, a runbook's timeout) while a request hangs or while the client waits to
/// retry ends the listing and sends nothing more. No time bound here (timing belongs to the benchmarks): the
/// hanging request and the throttling would end the listing with an answer or a typed error, so an
/// OperationCanceledException can only be the stop's; the client logs every retry before sending it, so a
/// retry-free log of a listing that has ended shows nothing more was sent, without waiting for it to arrive.
/// </summary>
public sealed class PromptCancellationTests
{
    [Theory]
    [InlineData("latency")]
    [InlineData("throttled back-off")]
    public async Task Cancelling_returns_promptly_and_sends_no_further_request(string during)
    {
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(during == "latency"
            ? new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 10_000, MaxCount = 100 }
            : new FaultPlan { Kind = FaultKind.Throttle, MaxCount = 100 });
        var log = new RecordingLog();
        using var client = Emulators.Client(server, log, maxAttempts: 10, timeout: TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource();

        var listing = Task.Run(async () => await client.GetAggregationsAsync(new AggregationQuery(), cts.Token).ToListAsync());
        for (var i = 0; i < 200 && server.Requests.Total == 0; i++) await Task.Delay(25);
        Assert.True(server.Requests.Total > 0, "the first request never arrived");

        await cts.CancelAsync();
        const string StopMark = "(the test has stopped the listing)";
        log.Verbose(StopMark);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);

        // The listing has ended, so its log is complete. Under latency the one request is held for ten seconds, so
        // no retry may appear at all (cancelling the held send must not count as a failed attempt). Under
        // throttling, retries before the stop are expected; none may start after it (the client checks the stop
        // before it logs a retry, and logs every retry before sending it).
        var lines = log.Lines.ToList();
        var judged = during == "latency" ? lines : lines.SkipWhile(l => !l.EndsWith(StopMark, StringComparison.Ordinal)).ToList();
        Assert.False(judged.Any(l => l.Contains("Retrying", StringComparison.Ordinal)),
            "a retry was logged after the stop; the whole log:\n" + string.Join("\n", lines));
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
