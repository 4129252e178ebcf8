using ImageBuilderScan.Engine.Tests.Paging;
using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Concurrency;

/// <summary>
/// A listing over several values with its request chains run at once (-ThrottleLimit): the same items in the same
/// order as one request after another, whatever each request takes; at most the limit in flight; the first item asks
/// for nothing else; a failure resumes exactly as it does without concurrency.
/// </summary>
public sealed class ConcurrentListingTests
{
    // 35 values at 3 keys each, 4 keys a page: chunks of 10/10/10/5 values take 8 + 8 + 8 + 4 = 28 requests.
    private static readonly List<string> Values = Enumerable.Range(0, 35).Select(Pipeline).ToList();

    private static Func<int, TimeSpan> RandomDelays(int seed)
    {
        var delays = new Random(seed);
        var table = Enumerable.Range(0, 200).Select(_ => TimeSpan.FromMilliseconds(delays.Next(0, 25))).ToArray();
        return n => table[n % table.Length];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Aggregations_come_in_the_order_of_the_values_under_random_delays(int seed)
    {
        var api = new FakeTransport { PageSize = 4, KeysPerValue = _ => 3, DelayAt = RandomDelays(seed) };
        using var client = Over(api, concurrency: 4);
        var keys = new List<string>();
        await foreach (var a in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Values })) keys.Add(a.Key);

        Assert.Equal(api.KeysFor(Values), keys);
        Assert.Equal(28, api.RequestCount);
        Assert.InRange(api.MaxInFlight, 2, 4);
    }

    [Fact]
    public async Task Findings_over_several_values_come_in_the_order_of_the_values_under_random_delays()
    {
        var values = Values.Take(9).ToList();
        var api = new FakeTransport { PageSize = 2, KeysPerValue = _ => 5, DelayAt = RandomDelays(7) };
        using var client = Over(api, concurrency: 3);
        var ids = new List<string>();
        await foreach (var f in client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImagePipelineArn, Values = values })) ids.Add(f.VulnerabilityId!);

        Assert.Equal(api.KeysFor(values), ids);
        Assert.InRange(api.MaxInFlight, 2, 3);
    }

    [Fact]
    public async Task A_limit_of_one_sends_one_request_after_another_in_the_order_of_the_values()
    {
        var api = new FakeTransport { PageSize = 4, KeysPerValue = _ => 3, DelayAt = RandomDelays(11) };
        using var client = Over(api, concurrency: 1);
        var keys = new List<string>();
        await foreach (var a in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Values })) keys.Add(a.Key);

        Assert.Equal(api.KeysFor(Values), keys);
        Assert.Equal(1, api.MaxInFlight);
        // The chunks' requests in the chunks' order, as before concurrency.
        var firsts = api.AggregationRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues[0]).ToList();
        Assert.Equal([Values[0], Values[10], Values[20], Values[30]], firsts);
    }

    [Fact]
    public async Task The_first_page_alone_sends_only_its_own_request()
    {
        var api = new FakeTransport { PageSize = 4, KeysPerValue = _ => 3 };
        using var client = Over(api, concurrency: 8);
        await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Values }).Pages)
        {
            break; // Select-Object -First 1
        }

        Assert.Equal(1, api.RequestCount);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(17)]
    public async Task A_failure_ahead_ends_the_listing_after_every_item_before_it_and_resumes_to_exactly_the_rest(int failAt)
    {
        var api = new FakeTransport
        {
            PageSize = 4, KeysPerValue = _ => 3, DelayAt = RandomDelays(failAt),
            FailAt = n => n == failAt ? new ServiceUnavailableException("down", 503, $"req-{n}") : null,
        };
        using var client = Over(api, concurrency: 4);
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Values };
        var emitted = new List<string>();
        var error = await Assert.ThrowsAnyAsync<ImageBuilderScanException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(query)) emitted.Add(a.Key);
        });

        var resume = error.Resume!;
        await foreach (var a in client.GetAggregationsAsync(query with { Values = resume.FilterValues, NextToken = resume.NextToken })) emitted.Add(a.Key);
        if (resume.RemainingValues.Count > 0)
            await foreach (var a in client.GetAggregationsAsync(query with { Values = resume.RemainingValues })) emitted.Add(a.Key);
        Assert.Equal(api.KeysFor(Values), emitted);
    }
}
