using ImageBuilderScan.Emulator;
using ImageBuilderScan.Engine;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Hosting;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// -NoAutoPage and input the engine refuses, through the hosting bridge the cmdlets use, against a
/// real emulator so "nothing was sent" is counted where it would arrive.
/// </summary>
public sealed class SinglePageTests : IAsyncLifetime
{
    private EmulatorServer _server = null!;
    private ImageBuilderScanClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 7, FilterMatchesAll = true, AggregationPageSize = 3, FindingsPageSize = 2 });
        _client = ImageBuilderScanClient.Create(new ScanClientOptions
        {
            Region = "us-east-1",
            AccessKey = EmulatorOptions.DefaultAccessKeyId,
            SecretKey = EmulatorOptions.DefaultSecretAccessKey,
            EndpointUrl = _server.BaseAddress.ToString(),
        });
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
    public void More_values_than_one_request_takes_are_refused_with_NoAutoPage_before_any_request(int count)
    {
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Enumerable.Range(0, count).Select(Pipeline).ToArray() };
        var error = Assert.Throws<ScanInputException>(() => SinglePage.FirstAggregationPage(_client, query, CancellationToken.None));
        Assert.Equal("ImagePipelineArn", error.ParameterName);
        Assert.Contains("NoAutoPage", error.Message);
        Assert.Contains($"{count} values", error.Message);
        Assert.Equal(0, _server.Requests.Total);
    }

    [Fact]
    public async Task Ten_values_give_exactly_one_page_of_one_request()
    {
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Enumerable.Range(0, 10).Select(Pipeline).ToArray() };
        var pages = new List<ScanPage<ScanFindingAggregation>>();
        await foreach (var page in SinglePage.FirstAggregationPage(_client, query, CancellationToken.None)) pages.Add(page);
        var only = Assert.Single(pages);
        Assert.Equal(3, only.Items.Count);
        Assert.NotNull(only.NextToken);
        Assert.Equal(1, _server.Requests.Total);
    }

    [Fact]
    public void Several_finding_values_are_refused_with_NoAutoPage_and_one_is_served()
    {
        var two = new FindingQuery { FilterName = FilterNames.Severity, Values = ["CRITICAL", "HIGH"] };
        var error = Assert.Throws<ScanInputException>(() => SinglePage.FirstFindingPage(_client, two, CancellationToken.None));
        Assert.Equal("Severity", error.ParameterName);
        Assert.Equal(0, _server.Requests.Total);

        var pages = SinglePage.FirstFindingPage(_client, two with { Values = ["HIGH"] }, CancellationToken.None).ToBlockingEnumerable().ToList();
        Assert.Single(pages);
        Assert.Equal(1, _server.Requests.Total);
    }

    [Fact]
    public void Input_refused_while_opening_becomes_one_failed_event_not_an_exception()
    {
        var pump = new PipelinePump();
        var bad = new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["12345"], ValuesParameterName = "AccountId" };
        var events = pump.Run(() => _client.GetAggregationsAsync(bad), CancellationToken.None).ToList();
        var failed = Assert.Single(events);
        Assert.Equal(ScanEventKind.Failed, failed.Kind);
        var error = Assert.IsType<ScanInputException>(failed.Error);
        Assert.Equal("AccountId", error.ParameterName);
        Assert.Equal("InvalidInput", ScanErrorDescription.From(error).ErrorId);
        Assert.False(ScanErrorDescription.From(error).StopsCommand);
        Assert.Equal(0, _server.Requests.Total);
    }

    [Fact]
    public void A_good_listing_opened_through_the_pump_streams_every_item()
    {
        var pump = new PipelinePump();
        var items = pump.Run(() => _client.GetAggregationsAsync(new AggregationQuery()), CancellationToken.None)
            .Where(e => e.Kind == ScanEventKind.Item).Select(e => e.Item!.AccountId).ToList();
        Assert.Equal(_server.Data.Findings.Select(f => f.AccountId).Distinct().Order(), items.Order());
    }
}
