
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// Cancelling while the emulator sits on a request ends the listing promptly with OperationCanceledException and
/// nothing is retried; cancelling between pages sends no further request.
/// </summary>
public sealed class EmulatorCancellationTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    // Far longer than the request timeout: an answer (or a timeout, a network error) would end the listing
    // with something other than OperationCanceledException, so that exception can only mean the stop ended it.
    private const int LatencyMs = 60_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_mid_request_ends_promptly_and_sends_nothing_more(bool findings)
    {
        var server = await pool.Get();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = LatencyMs });
        var log = new RecordingLog();
        using var client = ImageBuilderScanClient.Create(Emulated.Options(server, maxAttempts: 3) with { Log = log });
        using var cts = new CancellationTokenSource();

        Task listing = findings
            ? Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery(), cts.Token))
            : (Task)Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery(), cts.Token));
        await WaitForRequests(server, 1);
        await cts.CancelAsync();

        // No time bound (timing is the benchmarks'): the exception alone shows the stop ended the listing.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing);

        // The client logs a retry before it sends one, and its log is complete once the listing has ended:
        // no retry line means nothing more was sent, with no wait for a request that might still arrive.
        Assert.DoesNotContain(log.Lines, l => l.Contains("Retrying", StringComparison.Ordinal));
        Assert.Equal(1, server.Requests.Total);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_between_pages_stops_further_requests(bool findings)
    {
        var server = await pool.Get(aggregationPageSize: 1);
        using var client = Emulated.Client(server);
        using var cts = new CancellationTokenSource();
        var yielded = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            if (findings)
            {
                await foreach (var _ in client.GetFindingsAsync(new FindingQuery { PageSize = 1 }, cts.Token))
                {
                    yielded++;
                    await cts.CancelAsync();
                }
            }
            else
            {
                await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery(), cts.Token))
                {
                    yielded++;
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(1, yielded);
        Assert.Equal(1, server.Requests.Total);
        Assert.True(server.Data.Findings.Count > 1 && server.Data.Aggregations(FilterNames.AccountId).Count > 1, "more pages were there to ask for");
    }

    [Fact]
    public async Task Cancelled_token_before_the_first_page_sends_nothing()
    {
        var server = await pool.Get();
        using var client = Emulated.Client(server);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery(), cts.Token)));

        Assert.Equal(0, server.Requests.Total);
    }

    /// <summary>Waits (bounded) until the emulator has logged this many requests.</summary>
    private static async Task WaitForRequests(EmulatorServer server, long count)
    {
        for (var i = 0; i < 200 && server.Requests.Total < count; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(count, server.Requests.Total);
    }
}
