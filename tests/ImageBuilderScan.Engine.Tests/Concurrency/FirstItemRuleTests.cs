using ImageBuilderScan.Engine.Tests.Integration;
using ImageBuilderScan.Engine.Tests.Paging;
using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Concurrency;

/// <summary>
/// The rule "a consumer that takes one item (Select-Object -First 1) sends no request beyond what that item needs", and
/// everything the rule does not require removed: once the first item was accepted, every chain or build the limit allows
/// is in flight together. Asserted on request logs and in-flight counts (a barrier that only requests sent together
/// pass), never on time; the timeouts only keep a broken build from hanging the run.
/// </summary>
public sealed class FirstItemRuleTests
{
    private static readonly List<string> TenPipelines = Enumerable.Range(0, 10).Select(Pipeline).ToList();

    [Fact(Timeout = 60_000)]
    public async Task Findings_over_ten_values_ask_for_the_first_alone_then_the_other_nine_together_once_the_first_item_is_accepted()
    {
        // Every request after the first waits until nine are in flight: only all nine at once get through.
        var api = new FakeTransport { PageSize = 25, KeysPerValue = _ => 3, TogetherFrom = 1, TogetherCount = 9 };
        using var client = Over(api, concurrency: FleetRunner.DefaultThrottleLimit);
        var query = new FindingQuery { FilterName = FilterNames.ImagePipelineArn, Values = TenPipelines };
        var items = client.GetFindingsAsync(query).GetAsyncEnumerator();
        await using (items.ConfigureAwait(false))
        {
            Assert.True(await items.MoveNextAsync());
            Assert.Equal(1, api.RequestCount); // the first item: its own request, nothing else

            var ids = new List<string> { items.Current.VulnerabilityId! };
            // The second item is of the same page: asking for it is what accepts the first, and opens the window.
            while (await items.MoveNextAsync()) ids.Add(items.Current.VulnerabilityId!);
            Assert.Equal(api.KeysFor(TenPipelines), ids);
        }

        Assert.Equal(10, api.RequestCount);
        Assert.Equal(9, api.MaxInFlight);
    }

    [Fact(Timeout = 60_000)]
    public async Task Aggregations_over_100_ARNs_take_two_round_trips_the_first_chunk_alone_then_the_other_nine_together()
    {
        var values = Enumerable.Range(0, 100).Select(Pipeline).ToList();
        var api = new FakeTransport { PageSize = 100, KeysPerValue = _ => 1, TogetherFrom = 1, TogetherCount = 9 };
        using var client = Over(api, concurrency: FleetRunner.DefaultThrottleLimit);
        var items = client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = values }).GetAsyncEnumerator();
        await using (items.ConfigureAwait(false))
        {
            Assert.True(await items.MoveNextAsync());
            Assert.Equal(1, api.RequestCount);
            var keys = new List<string> { items.Current.Key };
            while (await items.MoveNextAsync()) keys.Add(items.Current.Key);
            Assert.Equal(api.KeysFor(values), keys);
        }

        Assert.Equal(10, api.RequestCount);
        Assert.Equal(9, api.MaxInFlight);
    }

    [Fact]
    public async Task Values_with_nothing_to_list_are_asked_one_after_another_until_the_first_item()
    {
        // The first value lists nothing: its empty page gave the consumer nothing, so the second value is asked alone,
        // and taking its first item sent those two requests and no other.
        var api = new FakeTransport { PageSize = 25, KeysPerValue = v => v == TenPipelines[0] ? 0 : 3 };
        using var client = Over(api, concurrency: FleetRunner.DefaultThrottleLimit);
        await foreach (var _ in client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImagePipelineArn, Values = TenPipelines }))
        {
            break; // Select-Object -First 1
        }

        Assert.Equal([TenPipelines[0], TenPipelines[1]], api.FindingRequests.Select(r => r.FilterValues.SingleOrDefault()));
        Assert.Equal(1, api.MaxInFlight);
    }

    [Fact(Timeout = 60_000)]
    public async Task Once_a_result_is_accepted_every_input_the_limit_allows_runs_at_once()
    {
        var (started, arrived) = (0, 0);
        var together = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var results = InOrder.SelectAsync(Enumerable.Range(0, 10).ToList(), FleetRunner.DefaultThrottleLimit, async (i, ct) =>
        {
            Interlocked.Increment(ref started);
            if (i == 0) return i;
            // Inputs 1 to 9 go on only once all nine were started.
            if (Interlocked.Increment(ref arrived) == 9) together.TrySetResult();
            await together.Task.WaitAsync(ct);
            return i;
        }).GetAsyncEnumerator();
        await using (results.ConfigureAwait(false))
        {
            Assert.True(await results.MoveNextAsync());
            Assert.Equal(1, Volatile.Read(ref started)); // the first result alone
            var order = new List<int> { results.Current };
            while (await results.MoveNextAsync()) order.Add(results.Current);
            Assert.Equal(Enumerable.Range(0, 10), order);
        }
    }

    [Fact]
    public async Task A_result_that_gives_the_consumer_nothing_keeps_the_window_closed()
    {
        // Results 0 to 2 write nothing (a comparison with no change): until result 3 is accepted, one input at a time.
        var (inFlight, mostBefore) = (0, 0);
        var accepted3 = false;
        var gate = new object();
        var window = new OrderedWindow<int, int>(8, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (gate) { if (!Volatile.Read(ref accepted3)) mostBefore = Math.Max(mostBefore, now); }
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            return i;
        }, gives: i => i >= 3);
        await using (window.ConfigureAwait(false))
        {
            for (var i = 0; i < 12; i++) window.Add(i);
            var order = new List<int>();
            await foreach (var r in window.TakeAsync(all: true))
            {
                order.Add(r);
                if (r == 3) Volatile.Write(ref accepted3, true);
            }

            Assert.Equal(Enumerable.Range(0, 12), order);
        }

        Assert.Equal(1, mostBefore);
    }

    [Fact]
    public async Task Piped_inputs_start_as_they_come_and_only_what_is_due_is_waited_for()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var window = new OrderedWindow<int, int>(8, async (i, ct) =>
        {
            if (i > 0) await release.Task.WaitAsync(ct);
            return i;
        });
        await using (window.ConfigureAwait(false))
        {
            // The first input: its result is due before the next input is taken (the window is closed until it is accepted).
            window.Add(0);
            Assert.Equal([0], await Take(window, all: false));
            // Then inputs start as they are added and nothing is waited for while the window has room.
            window.Add(1);
            window.Add(2);
            Assert.Equal(2, window.InFlight);
            Assert.Empty(await Take(window, all: false));
            release.SetResult();
            Assert.Equal([1, 2], await Take(window, all: true));
        }
    }

    [Fact]
    public async Task Taking_the_first_gate_result_sends_only_the_first_builds_requests()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Accounts = 1, PipelinesPerAccount = 10, ImagesPerPipeline = 2, FindingsPerImage = 3 });
        var builds = server.Data.Images.OrderBy(i => i.Arn, StringComparer.Ordinal).Select(i => i.Arn).ToList();
        using var client = ImageBuilderScanClient.Create(Emulated.Options(server) with { Concurrency = FleetRunner.DefaultThrottleLimit });
        var gate = new ScanGate(_ => client, new GateEvaluator(), concurrency: FleetRunner.DefaultThrottleLimit);
        server.Requests.Reset();
        var results = gate.EvaluateAsync(builds, new GatePolicy(), null).GetAsyncEnumerator();
        await using (results.ConfigureAwait(false))
        {
            Assert.True(await results.MoveNextAsync());
            Assert.Equal(builds[0], results.Current.ImageBuildVersionArn);
        }

        // GetImage and the listing of the first build (GetImage asked again after the listing: BuildScans.HoldAsync), and the
        // count of its chunk of ten (one request): nothing else.
        var asked = server.Requests.Recent;
        Assert.Equal(2, server.Requests.Images);
        Assert.Equal(1, server.Requests.Aggregations);
        Assert.Equal(1, server.Requests.Findings);
        Assert.Equal(4, server.Requests.Total);
        Assert.All(asked.Where(r => r.Operation is not EmulatorOperation.ListImageScanFindingAggregations), r => Assert.Contains(builds[0], Named(r)));
    }

    [Fact]
    public async Task Taking_the_first_comparison_sends_only_the_requests_of_that_build_and_its_previous_one()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Accounts = 1, PipelinesPerAccount = 10, ImagesPerPipeline = 2, FindingsPerImage = 3 });
        // The newer build of each pipeline, compared with the one before it.
        var newer = server.Data.Images.GroupBy(i => i.ImagePipelineArn).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(i => i.DateCreated).Last()).ToList();
        var first = newer[0];
        var previous = server.Data.Images.Single(i => i.ImagePipelineArn == first.ImagePipelineArn && i.Arn != first.Arn);
        using var client = ImageBuilderScanClient.Create(Emulated.Options(server) with { Concurrency = FleetRunner.DefaultThrottleLimit });
        var comparison = new BuildComparison(_ => client, concurrency: FleetRunner.DefaultThrottleLimit);
        server.Requests.Reset();
        var window = comparison.CompareAsNamed(null, null, CancellationToken.None);
        await using (window.ConfigureAwait(false))
        {
            foreach (var build in newer) window.Add(build.Arn);
            var outcomes = window.TakeAsync(all: true).GetAsyncEnumerator();
            await using (outcomes.ConfigureAwait(false))
            {
                Assert.True(await outcomes.MoveNextAsync());
                Assert.Null(outcomes.Current.Error);
                Assert.Equal(first.Arn, outcomes.Current.Difference);
            }
        }

        // GetImage (asked again after each side's listing: BuildScans.HoldAsync), findings and the count of both sides, and
        // the pipeline's builds to find the previous one: nothing of the other nine.
        Assert.Equal(9, server.Requests.Total);
        Assert.Equal(1, server.Requests.PipelineImages);
        Assert.Equal(2, server.Requests.Aggregations);
        Assert.All(server.Requests.Recent, r => Assert.True(Named(r).Contains(first.Arn, StringComparison.Ordinal)
            || Named(r).Contains(previous.Arn, StringComparison.Ordinal) || Named(r).Contains(first.ImagePipelineArn!, StringComparison.Ordinal), Named(r)));
    }

    private static string Named(RecordedRequest request) => Uri.UnescapeDataString(request.Path) + " " + request.Body;

    private static async Task<List<int>> Take(OrderedWindow<int, int> window, bool all)
    {
        var taken = new List<int>();
        await foreach (var r in window.TakeAsync(all)) taken.Add(r);
        return taken;
    }
}
