
namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>
/// <see cref="ListingQuery.FirstPageOnly"/> (the cmdlets' -NoAutoPage) and input the engine refuses,
/// against a real emulator so "nothing was sent" is counted where it would arrive.
/// </summary>
public sealed class FirstPageOnlyTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private ImageBuilderScanClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 7, FilterMatchesAll = true, AggregationPageSize = 3, FindingsPageSize = 2 });
        _client = ImageBuilderScanClient.Create(TestClientOptions.For(_server, "us-east-1"));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private static string Pipeline(int i) => $"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/p-{i}";

    [Theory]
    [InlineData(11)]
    [InlineData(25)]
    public void More_values_than_one_request_takes_are_refused_for_a_first_page_before_any_request(int count)
    {
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Enumerable.Range(0, count).Select(Pipeline).ToArray() };
        var error = Assert.Throws<ScanInputException>(() => _client.GetAggregationsAsync(query with { FirstPageOnly = true }).Pages);
        Assert.Equal("ImagePipelineArn", error.ParameterName);
        Assert.Equal(nameof(ListingQuery.FirstPageOnly), error.ConflictsWith);
        Assert.Contains($"{count} values", error.Message);
        Assert.Equal(0, _server.Requests.Total);
    }

    [Fact]
    public async Task Ten_values_give_exactly_one_page_of_one_request()
    {
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Enumerable.Range(0, 10).Select(Pipeline).ToArray() };
        var pages = new List<ScanPage<ScanFindingAggregation>>();
        await foreach (var page in _client.GetAggregationsAsync(query with { FirstPageOnly = true }).Pages) pages.Add(page);
        var only = Assert.Single(pages);
        Assert.Equal(3, only.Items.Count);
        Assert.NotNull(only.NextToken);
        Assert.Equal(1, _server.Requests.Total);
    }

    [Fact]
    public void Several_finding_values_are_refused_for_a_first_page_and_one_is_served()
    {
        var two = new FindingQuery { FilterName = FilterNames.Severity, Values = ["CRITICAL", "HIGH"], FirstPageOnly = true };
        var error = Assert.Throws<ScanInputException>(() => _client.GetFindingsAsync(two).Pages);
        Assert.Equal("Severity", error.ParameterName);
        Assert.Equal(0, _server.Requests.Total);

        var pages = _client.GetFindingsAsync(two with { Values = ["HIGH"] }).Pages.ToBlockingEnumerable().ToList();
        Assert.Single(pages);
        Assert.Equal(1, _server.Requests.Total);
    }

    [Fact]
    public void Input_is_refused_when_the_listing_is_opened_before_any_request()
    {
        var bad = new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["12345"], ValuesParameterName = "AccountId" };
        var error = Assert.Throws<ScanInputException>(() => _client.GetAggregationsAsync(bad));
        Assert.Equal("AccountId", error.ParameterName);
        Assert.Equal("InvalidInput", error.ErrorId);
        Assert.False(error.IsFatalConfiguration);
        Assert.Equal(0, _server.Requests.Total);
    }

    [Fact]
    public async Task A_first_page_of_a_chain_with_more_pages_asks_nothing_more_and_a_full_listing_asks_every_page()
    {
        var first = new List<ScanPage<ScanFindingAggregation>>();
        await foreach (var page in _client.GetAggregationsAsync(new AggregationQuery { FirstPageOnly = true }).Pages) first.Add(page);
        Assert.Single(first);
        Assert.Equal(1, _server.Requests.Total);

        var items = new List<string?>();
        await foreach (var item in _client.GetAggregationsAsync(new AggregationQuery())) items.Add(item.AccountId);
        Assert.Equal(_server.Data.Findings.Select(f => f.AccountId).Distinct().Order(), items.Order());
    }
}
