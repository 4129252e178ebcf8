using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>Repeated tokens and implausible counts end the listing before the page's items are emitted.</summary>
public sealed class PageCheckTests
{
    private static async Task<(List<string> Emitted, ScanProtocolException Error)> RunAsync(FakeTransport api, AggregationQuery? query = null)
    {
        using var client = Over(api);
        var emitted = new List<string>();
        var error = await Assert.ThrowsAsync<ScanProtocolException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(query ?? new AggregationQuery())) emitted.Add(a.Key);
        });
        return (emitted, error);
    }

    [Fact]
    public async Task A_token_echoing_the_request_token_stops_the_listing()
    {
        var api = new FakeTransport { TamperAggregations = (n, p) => n == 1 ? p with { NextToken = p.RequestToken } : p };

        var (emitted, error) = await RunAsync(api);

        Assert.Equal("RepeatedNextToken", error.ErrorId);
        Assert.Equal("req-1", error.RequestId);
        Assert.Contains("req-1", error.Message);
        Assert.Equal(3, emitted.Count); // the first page only
        Assert.Equal(api.AggregationRequests[1].NextToken, error.Resume!.NextToken);
        Assert.Equal(2, api.RequestCount);
    }

    [Fact]
    public async Task The_same_token_twice_in_a_chain_stops_the_listing()
    {
        FakeTransport api = null!;
        api = new FakeTransport
        {
            KeysPerValue = _ => 20,
            TamperAggregations = (n, p) => n == 3 ? p with { NextToken = api.AggregationRequests[1].NextToken } : p,
        };

        var (emitted, error) = await RunAsync(api);

        Assert.Equal("RepeatedNextToken", error.ErrorId);
        Assert.Equal(9, emitted.Count);
        Assert.Equal(4, api.RequestCount);
    }

    [Fact]
    public async Task A_first_page_returning_the_resume_token_stops_the_listing()
    {
        var api = new FakeTransport { TamperAggregations = (n, p) => p with { NextToken = "-@3" } };

        var (emitted, error) = await RunAsync(api, new AggregationQuery { NextToken = "-@3" });

        Assert.Equal("RepeatedNextToken", error.ErrorId);
        Assert.Empty(emitted);
    }

    [Fact]
    public async Task Repeated_tokens_are_caught_for_findings_too()
    {
        var api = new FakeTransport { TamperFindings = (n, p) => n == 2 ? p with { NextToken = p.RequestToken } : p };
        using var client = Over(api);

        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery())));

        Assert.Equal("RepeatedNextToken", error.ErrorId);
    }

    public static TheoryData<string, long?, long?, long?, long?, string> Implausible => new()
    {
        { "pipeline-x", -1, 0, 0, 5, "ImplausibleCounts" },
        { "pipeline-x", 0, 0, 0, -1, "ImplausibleCounts" },
        { "pipeline-x", 2, 2, 2, 5, "ImplausibleCounts" },
        { "pipeline-x", 6, 0, 0, 5, "ImplausibleCounts" },
        { "pipeline-x", long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue, "ImplausibleCounts" },
        { "", 1, 1, 1, 5, "MissingKey" },
        // A count left out (null) is unknown: the counts that were sent must still be plausible.
        { "pipeline-x", null, 3, 3, 5, "ImplausibleCounts" },
        { "pipeline-x", -1, null, null, null, "ImplausibleCounts" },
        { "pipeline-x", 1, 1, 1, -1, "ImplausibleCounts" },
    };

    [Theory]
    [MemberData(nameof(Implausible))]
    public async Task Implausible_pages_are_refused_before_any_of_their_items(string key, long? c, long? h, long? m, long? all, string errorId)
    {
        var api = new FakeTransport
        {
            TamperAggregations = (n, p) => n != 1 ? p : p with
            {
                Items = [p.Items[0], p.Items[1] with { Key = key, Critical = c, High = h, Medium = m, All = all }, p.Items[2]],
            },
        };

        var (emitted, error) = await RunAsync(api);

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal("req-1", error.RequestId);
        Assert.Contains("req-1", error.Message);
        if (key.Length > 0) Assert.Contains(key, error.Message);
        Assert.Equal(3, emitted.Count);
        Assert.Equal(api.AggregationRequests[1].NextToken, error.Resume!.NextToken);
    }

    [Fact]
    public async Task Counts_whose_parts_add_up_to_all_are_accepted()
    {
        var api = new FakeTransport
        {
            TamperAggregations = (n, p) => p with { Items = p.Items.Select(a => a with { Critical = 1, High = 2, Medium = 3, All = 6 }).ToList() },
        };
        using var client = Over(api);

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.All(items, a => Assert.Equal(0, a.Other));
        Assert.Equal(7, items.Count);
    }

    [Fact]
    public async Task Counts_with_one_left_out_are_passed_on_as_unknown_never_0()
    {
        var api = new FakeTransport
        {
            TamperAggregations = (n, p) => p with { Items = p.Items.Select(a => a with { Critical = null, High = 2, Medium = 3, All = 6 }).ToList() },
        };
        using var client = Over(api);

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(7, items.Count);
        Assert.All(items, a => Assert.Null(a.Critical));
        Assert.All(items, a => Assert.Null(a.Other));
        Assert.All(items, a => Assert.Equal(["severityCounts.critical"], SeverityCountMembers.Missing(a)));
    }

    [Fact]
    public async Task Aggregations_are_passed_through_not_copied()
    {
        var served = new List<ScanFindingAggregation>();
        var api = new FakeTransport { TamperAggregations = (n, p) => { served.AddRange(p.Items); return p; } };
        using var client = Over(api);

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(served.Count, items.Count);
        Assert.All(items.Zip(served), pair => Assert.Same(pair.Second, pair.First));
    }
}
