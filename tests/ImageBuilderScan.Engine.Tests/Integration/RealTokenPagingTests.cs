
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// Real tokens from the emulator: every aggregation and finding exactly once, compared with what the emulator's
/// data set holds (not with another run); values beyond one request split in order; resume from a page's token.
/// </summary>
public sealed class RealTokenPagingTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    public static TheoryData<int, string?> PageSizesAndFilters()
    {
        var data = new TheoryData<int, string?>();
        foreach (var size in new[] { 1, 3, 100 })
        {
            foreach (var filter in new string?[] { null, FilterNames.AccountId, FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId })
            {
                data.Add(size, filter);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PageSizesAndFilters))]
    public async Task Every_aggregation_arrives_exactly_once(int pageSize, string? filterName)
    {
        var server = await pool.Get(aggregationPageSize: pageSize);
        // Every key of the kind, so more than 10 values split into several requests for the larger kinds.
        var values = filterName is null ? [] : Emulated.Keys(server, filterName);
        using var client = Emulated.Client(server);

        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = filterName, Values = values }));

        var chunks = filterName is null ? [[]] : values.Chunk(10).ToArray();
        var expected = chunks.Select(c => server.Data.ExpectedAggregations(filterName, filterName is null ? null : c)).ToArray();
        Assert.NotEmpty(expected.SelectMany(e => e));
        Assert.Equal(expected.SelectMany(e => e).Select(Emulated.Row), got.Select(Emulated.Row));
        Assert.All(got, a => Assert.Equal(filterName ?? FilterNames.AccountId, a.AggregationType));
        var pagesPerChunk = expected.Sum(e => Math.Max(1, (e.Count + pageSize - 1) / pageSize));
        Assert.Equal(pagesPerChunk, server.Requests.Aggregations);
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [Theory]
    [InlineData(11, 2)]
    [InlineData(25, 3)]
    public async Task More_than_ten_values_become_requests_of_at_most_ten_in_order(int count, int expectedRequests)
    {
        var server = await pool.Get();
        // Real keys in reverse order, topped up with ids the data set does not hold: each request's results come
        // back in key order, but the requests themselves follow the order of the values.
        var values = Emulated.Keys(server, FilterNames.VulnerabilityId).Reverse()
            .Concat(Enumerable.Range(1, count).Select(i => $"CVE-2099-{i:D5}")).Take(count).ToArray();
        using var client = Emulated.Client(server);

        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.VulnerabilityId, Values = values }));

        var chunks = values.Chunk(10).ToArray();
        var requests = Emulated.ApiRequests(server);
        Assert.Equal(expectedRequests, requests.Count);
        for (var i = 0; i < chunks.Length; i++)
        {
            using var body = JsonDocument.Parse(requests[i].Body);
            Assert.Equal(chunks[i], body.RootElement.GetProperty("filter").GetProperty("values").EnumerateArray().Select(v => v.GetString()!));
        }
        var expected = chunks.SelectMany(c => server.Data.ExpectedAggregations(FilterNames.VulnerabilityId, c));
        Assert.Equal(expected.Select(Emulated.Row), got.Select(Emulated.Row));
    }

    public static TheoryData<int, string?> FindingPageSizes() => new()
    {
        { 1, null }, { 7, null }, { 25, null }, { 1, FilterNames.Severity }, { 7, FilterNames.ImagePipelineArn }, { 25, FilterNames.VulnerabilityId },
    };

    [Theory]
    [MemberData(nameof(FindingPageSizes))]
    public async Task Every_finding_arrives_exactly_once_in_pages_of_the_page_size(int pageSize, string? filterName)
    {
        var server = await pool.Get();
        var value = filterName switch
        {
            null => null,
            FilterNames.Severity => "HIGH",
            _ => Emulated.Keys(server, filterName)[0],
        };
        using var client = Emulated.Client(server);

        var got = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery
        {
            FilterName = filterName, Values = value is null ? [] : [value], PageSize = pageSize,
        }));

        var expected = server.Data.ExpectedFindings(filterName, value);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(Emulated.Row), got.Select(Emulated.Row));
        Assert.Equal(Math.Max(1, (expected.Count + pageSize - 1) / pageSize), server.Requests.Findings);
    }

    [Fact]
    public async Task Several_finding_values_become_successive_calls_with_results_in_the_order_of_the_values()
    {
        var server = await pool.Get();
        var values = new[] { "MEDIUM", "CRITICAL", "LOW", "HIGH" };
        using var client = Emulated.Client(server);

        var got = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.Severity, Values = values, PageSize = 25 }));

        var expected = values.SelectMany(v => server.Data.ExpectedFindings(FilterNames.Severity, v)).ToList();
        Assert.Equal(expected.Select(Emulated.Row), got.Select(Emulated.Row));
        var sent = Emulated.ApiRequests(server).Select(r => Value(r.Body)).Distinct().ToArray();
        Assert.Equal(values, sent);
    }

    [Theory]
    [MemberData(nameof(Emulated.AggregationFilters), MemberType = typeof(Emulated))]
    public async Task First_page_then_its_token_gives_exactly_the_rest(string? filterName)
    {
        var server = await pool.Get(aggregationPageSize: 1);
        var values = Emulated.Keys(server, filterName, 10);
        var query = new AggregationQuery { FilterName = filterName, Values = values };
        using var client = Emulated.Client(server);

        var first = await Listing.FirstAsync(client.GetAggregationsAsync(query).Pages);
        Assert.Equal(1, server.Requests.Aggregations);
        Assert.NotNull(first.NextToken);

        var rest = await Listing.CollectAsync(client.GetAggregationsAsync(query with { NextToken = first.NextToken }));

        var expected = server.Data.ExpectedAggregations(filterName, filterName is null ? null : values);
        Assert.True(expected.Count >= 2);
        Assert.Equal(expected.Select(Emulated.Row), first.Items.Concat(rest).Select(Emulated.Row));
        // The resumed listing started from the token: one request per remaining key, the first carrying it.
        Assert.Equal(expected.Count, server.Requests.Aggregations);
        using var resumed = JsonDocument.Parse(Emulated.ApiRequests(server)[1].Body);
        Assert.Equal(first.NextToken, resumed.RootElement.GetProperty("nextToken").GetString());
    }

    [Fact]
    public async Task First_findings_page_then_its_token_gives_exactly_the_rest()
    {
        var server = await pool.Get();
        var query = new FindingQuery { PageSize = 7 };
        using var client = Emulated.Client(server);

        var first = await Listing.FirstAsync(client.GetFindingsAsync(query).Pages);
        var rest = await Listing.CollectAsync(client.GetFindingsAsync(query with { NextToken = first.NextToken }));

        Assert.Equal(server.Data.Findings.Select(Emulated.Row), first.Items.Concat(rest).Select(Emulated.Row));
    }

    private static string? Value(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("filters")[0].GetProperty("values")[0].GetString();
    }
}
