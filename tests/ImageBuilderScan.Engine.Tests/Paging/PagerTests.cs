using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Paging;

public sealed class PagerTests
{
    [Theory]
    [InlineData(1, 7)]
    [InlineData(3, 7)]
    [InlineData(7, 7)]
    [InlineData(100, 7)]
    [InlineData(4, 0)]
    public async Task Aggregations_every_item_exactly_once_in_order(int pageSize, int keys)
    {
        var api = new FakeTransport { PageSize = pageSize, KeysPerValue = _ => keys };
        var log = new RecordingLog();
        using var client = Over(api, log);

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(api.KeysFor([null]), items.Select(a => a.Key));
        var expectedPages = Math.Max(1, (keys + pageSize - 1) / pageSize);
        Assert.Equal(expectedPages, api.RequestCount);
        Assert.Equal(expectedPages, log.VerboseLines.Count);
        Assert.Contains("request id req-0", log.VerboseLines.First());
        Assert.Contains(Math.Min(pageSize, keys) + " item(s)", log.VerboseLines.First());
        Assert.EndsWith("no more pages.", log.VerboseLines.Last());
        if (expectedPages > 1) Assert.Contains("more pages follow", log.VerboseLines.First());
    }

    [Theory]
    [InlineData(11, new[] { 10, 1 })]
    [InlineData(20, new[] { 10, 10 })]
    [InlineData(25, new[] { 10, 10, 5 })]
    [InlineData(10, new[] { 10 })]
    public async Task More_than_ten_values_become_chunks_of_ten_in_order(int count, int[] chunkSizes)
    {
        var api = new FakeTransport { PageSize = 4, KeysPerValue = _ => 2 };
        using var client = Over(api);
        var values = Enumerable.Range(0, count).Select(Pipeline).ToList();

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(
            new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = values }));

        var firstPages = api.AggregationRequests.Where(r => r.NextToken is null).ToList();
        Assert.Equal(chunkSizes, firstPages.Select(r => r.FilterValues.Count));
        Assert.Equal(values, firstPages.SelectMany(r => r.FilterValues));
        Assert.All(api.AggregationRequests, r => Assert.Equal(FilterNames.ImagePipelineArn, r.FilterName));
        Assert.Equal(api.KeysFor(values), items.Select(a => a.Key));
    }

    [Fact]
    public async Task Findings_one_value_per_call_in_order_with_page_size()
    {
        var api = new FakeTransport { KeysPerValue = v => v == "CVE-2024-0002" ? 0 : 5 };
        using var client = Over(api);
        string[] values = ["CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003"];

        var items = await Listing.CollectAsync(client.GetFindingsAsync(
            new FindingQuery { FilterName = FilterNames.VulnerabilityId, Values = values, PageSize = 2 }));

        Assert.Equal(api.KeysFor(values), items.Select(f => f.VulnerabilityId));
        Assert.All(api.FindingRequests, r => Assert.Equal(2, r.MaxResults));
        Assert.Equal(values, api.FindingRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues.SingleOrDefault()));
        Assert.Equal(3 + 1 + 3, api.RequestCount); // 5 keys at 2 a page, an empty listing, 5 keys again
    }

    [Fact]
    public async Task Duplicates_are_asked_once_and_severity_is_sent_upper_case()
    {
        var api = new FakeTransport();
        using var client = Over(api);

        var items = await Listing.CollectAsync(client.GetFindingsAsync(
            new FindingQuery { FilterName = FilterNames.Severity, Values = ["high", "HIGH", "Critical", "high"] }));

        Assert.Equal(["HIGH", "CRITICAL"], api.FindingRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues.SingleOrDefault()));
        Assert.Equal(api.KeysFor(["HIGH", "CRITICAL"]), items.Select(f => f.VulnerabilityId));
    }

    [Fact]
    public async Task Empty_pages_that_carry_a_token_are_followed()
    {
        var api = new FakeTransport
        {
            PageSize = 2,
            TamperAggregations = (n, page) => n is 0 or 2 ? page with { Items = [] } : page,
        };
        using var client = Over(api);

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        var all = api.KeysFor([null]).ToList();
        Assert.Equal(all.Where((_, i) => i / 2 is not (0 or 2)), items.Select(a => a.Key));
        Assert.Equal(4, api.RequestCount);
    }

    [Fact]
    public async Task An_empty_next_token_ends_the_chain()
    {
        var api = new FakeTransport { PageSize = 2, TamperAggregations = (n, page) => page with { NextToken = "" } };
        using var client = Over(api);

        var pages = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()).Pages);

        Assert.Single(pages);
        Assert.Null(pages[0].NextToken);
        Assert.Equal(1, api.RequestCount);
    }

    [Fact]
    public async Task Next_token_resumes_from_that_page()
    {
        var api = new FakeTransport { PageSize = 3 };
        using var client = Over(api);
        var value = Pipeline(1);
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = [value] };

        await using var pages = client.GetAggregationsAsync(query).Pages.GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());
        var token = pages.Current.NextToken;
        Assert.NotNull(token);

        var rest = await Listing.CollectAsync(client.GetAggregationsAsync(query with { NextToken = token }));

        Assert.Equal(api.KeysFor([value]).Skip(3), rest.Select(a => a.Key));
        Assert.Equal(token, api.AggregationRequests[1].NextToken);
    }
}
