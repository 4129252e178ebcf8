
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>
/// The model's <c>SeverityCounts</c> requires none of its members: the reader keeps each one the answer left out, sent as
/// null, or left out with all of severityCounts, as null (unknown), never 0; a count that was sent, 0 included, is kept.
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class MissingCountParsingTests
{
    private const string Document = """
        {"responses": [
          {"accountAggregation": {"accountId": "111111111111", "severityCounts": {"all": 4, "high": 1, "medium": 0}}},
          {"accountAggregation": {"accountId": "222222222222", "severityCounts": {"all": null, "critical": 0, "high": 0, "medium": 0}}},
          {"accountAggregation": {"accountId": "333333333333", "severityCounts": null}},
          {"accountAggregation": {"accountId": "444444444444"}},
          {"accountAggregation": {"accountId": "555555555555", "severityCounts": {}}}
        ]}
        """;

    [Fact]
    public async Task A_count_left_out_or_null_is_read_as_unknown_never_0_and_the_listing_warns_once()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json(Document));
        var log = new RecordingLog();
        using var client = ImageBuilderScanClient.Create(SdkTestSupport.Options(server, log));

        var items = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(5, items.Count);
        Assert.Equal(((long?)4, (long?)null, (long?)1, (long?)0, (long?)null), (items[0].All, items[0].Critical, items[0].High, items[0].Medium, items[0].Other));
        Assert.Equal(((long?)null, (long?)0, (long?)0, (long?)0, (long?)null), (items[1].All, items[1].Critical, items[1].High, items[1].Medium, items[1].Other));
        Assert.All(items.Skip(2), a => Assert.Equal(["severityCounts.all", "severityCounts.critical", "severityCounts.high", "severityCounts.medium"], SeverityCountMembers.Missing(a)));
        Assert.All(items.Skip(2), a => Assert.Null(a.Other));
        // One warning for the listing, naming what the first such aggregation lacked.
        var warning = Assert.Single(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal));
        Assert.Contains("without severityCounts.critical (first for '111111111111')", warning);
    }

    [Fact]
    public async Task Counts_that_were_sent_are_still_checked_beside_one_left_out()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json("""{"responses":[{"accountAggregation":{"accountId":"111111111111","severityCounts":{"all":2,"high":2,"medium":1}}}]}"""));
        using var client = ImageBuilderScanClient.Create(SdkTestSupport.Options(server));

        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        Assert.Equal("ImplausibleCounts", error.ErrorId);
        Assert.Contains("critical unknown, high 2, medium 1, all 2", error.Message);
    }
}
