using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Paging;

public sealed class StreamingAndCancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task First_page_items_are_yielded_before_the_second_page_is_requested()
    {
        // The second request never completes: an iterator that waited for the last page would hang.
        var api = new FakeTransport { PageSize = 3, HangAt = n => n == 1 };
        using var cts = new CancellationTokenSource();
        using var client = Over(api);

        await using var items = client.GetAggregationsAsync(new AggregationQuery(), cts.Token).GetAsyncEnumerator();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await items.MoveNextAsync().AsTask().WaitAsync(Bound));
            Assert.Equal(1, api.RequestCount);
        }
        cts.Cancel();
    }

    [Fact]
    public async Task Cancellation_between_pages_sends_no_further_request()
    {
        var api = new FakeTransport { PageSize = 2 };
        using var cts = new CancellationTokenSource();
        using var client = Over(api);

        await using var items = client.GetAggregationsAsync(new AggregationQuery(), cts.Token).GetAsyncEnumerator();
        Assert.True(await items.MoveNextAsync());
        Assert.True(await items.MoveNextAsync());
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await items.MoveNextAsync());
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task Cancellation_during_a_request_ends_it_and_sends_no_further_request()
    {
        var api = new FakeTransport { PageSize = 2, HangAt = n => n == 1 };
        using var cts = new CancellationTokenSource();
        using var client = Over(api);

        await using var pages = client.GetFindingsAsync(new FindingQuery(), cts.Token).Pages.GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        await CancelWhileHangingAsync(api, cts, pages.MoveNextAsync().AsTask(), requestsSent: 2);
    }

    [Fact]
    public async Task WithCancellation_token_is_honoured_too()
    {
        var api = new FakeTransport { PageSize = 2, HangAt = n => n == 0 };
        using var cts = new CancellationTokenSource();
        using var client = Over(api);

        var pending = Task.Run(async () =>
        {
            await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery()).WithCancellation(cts.Token)) { }
        });
        await CancelWhileHangingAsync(api, cts, pending, requestsSent: 1);
    }

    [Fact]
    public async Task Stopping_early_sends_no_further_request()
    {
        var api = new FakeTransport { PageSize = 2 };
        using var client = Over(api);

        await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery())) break;

        Assert.Equal(1, api.RequestCount);
    }

    /// <summary>
    /// Cancels once the transport hangs on a request (the listing is waiting for it) and asserts that the pending
    /// listing ends cancelled, after exactly <paramref name="requestsSent"/> requests: none after the cancellation.
    /// </summary>
    private static async Task CancelWhileHangingAsync(FakeTransport api, CancellationTokenSource cts, Task pending, int requestsSent)
    {
        await api.Hanging.Task.WaitAsync(Bound);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Bound));
        Assert.Equal(requestsSent, api.RequestCount);
    }
}
