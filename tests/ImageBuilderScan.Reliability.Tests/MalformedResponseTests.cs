using ImageBuilderScan.Reliability.Tests.Support;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Malformed responses: unknown members are ignored and missing optional members tolerated; wrong types and
/// absurd values end the listing with a <see cref="ScanProtocolException"/> (MalformedResponse, ImplausibleCounts,
/// MissingKey), never a crash, and nothing of the page is emitted, so no wrong number is shown as right.
/// </summary>
public sealed class MalformedResponseTests
{
    private const string Image = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";

    private static string Page(string aggregation, string extra = "") =>
        $$$"""{"requestId":"r1","aggregationType":"imageBuildVersionArn",{{{extra}}}"responses":[{"imageAggregation":{{{aggregation}}}}]}""";

    private static string Counts(string all, string critical = "1", string high = "2", string medium = "3") =>
        $$$"""{"imageBuildVersionArn":"{{{Image}}}","severityCounts":{"all":{{{all}}},"critical":{{{critical}}},"high":{{{high}}},"medium":{{{medium}}}}}""";

    private static ImageBuilderScanClient Client(ScriptedServer server) => ImageBuilderScanClient.Create(
        TestClientOptions.For(server.BaseAddress, "AKIAIBSCANEMULATOR00", "any", "us-east-1", maxAttempts: 1, timeout: TimeSpan.FromSeconds(20)));

    private static async Task<(List<T> Items, Exception? Error)> ListAsync<T>(Func<ImageBuilderScanClient, IAsyncEnumerable<T>> list, string body)
    {
        // Every request gets the one canned 200 body.
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body, "canned-request") };
        using var client = Client(server);
        var items = new List<T>();
        try
        {
            await foreach (var item in list(client)) items.Add(item);
            return (items, null);
        }
        catch (Exception e)
        {
            return (items, e);
        }
    }

    private static Task<(List<ScanFindingAggregation> Items, Exception? Error)> AggregationsAsync(string body) =>
        ListAsync(c => c.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Image] }), body);

    [Fact]
    public async Task Unknown_members_anywhere_are_ignored()
    {
        var body = Page(
            """{"imageBuildVersionArn":"IMAGE","future":[1,{"x":null}],"severityCounts":{"all":10,"low":4,"critical":1,"high":2,"medium":3,"extra":{"a":1}}}""".Replace("IMAGE", Image),
            extra: "\"newTopLevel\":{\"nested\":[true,false,null]},\"count\":7,");
        var (items, error) = await AggregationsAsync(body);
        Assert.Null(error);
        var a = Assert.Single(items);
        Assert.Equal((Image, 10L, 1L, 2L, 3L, 4L), (a.Key, a.All, a.Critical, a.High, a.Medium, a.Other));
    }

    [Fact]
    public async Task Missing_optional_members_are_tolerated()
    {
        var (items, error) = await AggregationsAsync($$$"""{"responses":[{"imageAggregation":{{{Counts("6")}}}}]}""");
        Assert.Null(error);
        Assert.Equal(6, Assert.Single(items).All);

        var (findings, findingError) = await ListAsync(c => c.GetFindingsAsync(new FindingQuery()),
            """{"findings":[{"severity":"HIGH"},{}]}""");
        Assert.Null(findingError);
        Assert.Equal(2, findings.Count);
        Assert.Equal("HIGH", findings[0].Severity);
        Assert.Null(findings[1].VulnerabilityId);
    }

    public static TheoryData<string, string, string> BadAggregationPages => new()
    {
        { "count as a string", Page(Counts("\"10\"")), "MalformedResponse" },
        { "count as a fraction", Page(Counts("10.5")), "MalformedResponse" },
        { "count beyond 64 bits", Page(Counts("99999999999999999999999")), "MalformedResponse" },
        { "severityCounts as an array", Page($$"""{"imageBuildVersionArn":"{{Image}}","severityCounts":[1,2]}"""), "MalformedResponse" },
        { "key as a number", Page("""{"imageBuildVersionArn":123456,"severityCounts":{"all":1}}"""), "MalformedResponse" },
        { "responses as an object", """{"responses":{"imageAggregation":{}}}""", "MalformedResponse" },
        { "nextToken as a number", """{"nextToken":42,"responses":[]}""", "MalformedResponse" },
        { "body is null", "null", "MalformedResponse" },
        { "body is an array", "[]", "MalformedResponse" },
        { "body is empty", "", "MalformedResponse" },
        { "body is cut", """{"responses":[{"imageAggregation":""", "MalformedResponse" },
        { "body is HTML", "<html><body>502 Bad Gateway</body></html>", "MalformedResponse" },
        { "negative all", Page(Counts("-1", "0", "0", "0")), "ImplausibleCounts" },
        { "negative critical", Page(Counts("10", critical: "-5")), "ImplausibleCounts" },
        { "parts exceed all", Page(Counts("5", "3", "2", "1")), "ImplausibleCounts" },
        { "parts overflow", Page(Counts("10", "9223372036854775807", "9223372036854775807", "2")), "ImplausibleCounts" },
        { "no key", Page("""{"severityCounts":{"all":1,"critical":0,"high":0,"medium":0}}"""), "MalformedResponse" },
        { "empty key", Page("""{"imageBuildVersionArn":"","severityCounts":{"all":1,"critical":0,"high":0,"medium":0}}"""), "MissingKey" },
    };

    [Theory]
    [MemberData(nameof(BadAggregationPages))]
    public async Task Bad_aggregation_page_is_a_typed_error_and_nothing_of_it_is_emitted(string what, string body, string errorId)
    {
        var (items, error) = await AggregationsAsync(body);
        Assert.Empty(items);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.True(errorId == protocol.ErrorId, $"{what}: {protocol.ErrorId}: {protocol.Message}");
        Assert.NotNull(protocol.Resume);
        Assert.False(string.IsNullOrWhiteSpace(protocol.Message));
    }

    public static TheoryData<string, string> BadFindingPages => new()
    {
        { "findings as a string", """{"findings":"none"}""" },
        { "severity as a number", """{"findings":[{"severity":3}]}""" },
        { "timestamp as a word", """{"findings":[{"firstObservedAt":"yesterday"}]}""" },
        { "score as a string", """{"findings":[{"inspectorScore":"high"}]}""" },
        { "packages as an object", """{"findings":[{"packageVulnerabilityDetails":{"vulnerabilityId":"CVE-2024-1","vulnerablePackages":{}}}]}""" },
        { "body is cut", """{"findings":[{"severity":"HI""" },
    };

    [Theory]
    [MemberData(nameof(BadFindingPages))]
    public async Task Bad_finding_page_is_a_typed_error_and_nothing_of_it_is_emitted(string what, string body)
    {
        var (items, error) = await ListAsync(c => c.GetFindingsAsync(new FindingQuery()), body);
        Assert.Empty(items);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.True(protocol.ErrorId == "MalformedResponse", $"{what}: {protocol.ErrorId}: {protocol.Message}");
        Assert.NotNull(protocol.Resume);
    }
}
