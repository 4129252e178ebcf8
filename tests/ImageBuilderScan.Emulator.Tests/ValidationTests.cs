namespace ImageBuilderScan.Emulator.Tests;

public sealed class ValidationTests
{
    /// <summary>Bodies each listing refuses, by operation path.</summary>
    public static TheoryData<string, string> BadRequests => new()
    {
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"bogus","values":["x"]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"account-id","values":["x"]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"severity","values":["HIGH"]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId","values":[]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId","values":["1","2","3","4","5","6","7","8","9","10","11"]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId","values":["bad;value"]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId","values":[""]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId","values":[12]}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":{"name":"accountId"}}""" },
        { "/ListImageScanFindingAggregations", """{"filter":"accountId"}""" },
        { "/ListImageScanFindingAggregations", """{"nextToken":""}""" },
        { "/ListImageScanFindingAggregations", """{"nextToken":12}""" },
        { "/ListImageScanFindingAggregations", """[1,2]""" },
        { "/ListImageScanFindingAggregations", """not json""" },
        { "/ListImageScanFindings", """{"filters":[]}""" },
        { "/ListImageScanFindings", """{"filters":[{"name":"severity","values":["HIGH"]},{"name":"severity","values":["LOW"]}]}""" },
        { "/ListImageScanFindings", """{"filters":[{"name":"severity","values":["HIGH","LOW"]}]}""" },
        { "/ListImageScanFindings", """{"filters":[{"name":"accountId","values":["111122223333"]}]}""" },
        { "/ListImageScanFindings", """{"filters":[{"name":"severity","values":["<script>"]}]}""" },
        { "/ListImageScanFindings", """{"maxResults":0}""" },
        { "/ListImageScanFindings", """{"maxResults":26}""" },
        { "/ListImageScanFindings", """{"maxResults":"10"}""" },
        { "/ListImageScanFindings", """{"maxResults":2.5}""" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Invalid_requests_get_InvalidRequestException(string path, string body)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(path, body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidRequestException", reply.ErrorType);
        Assert.False(string.IsNullOrEmpty(reply.Json["message"]!.GetValue<string>()));
        Assert.NotNull(reply.RequestId);
    }

    [Fact]
    public async Task Limits_of_the_model_are_accepted()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var ten = Enumerable.Range(0, 10).Select(i => $"12345678901{i}").ToArray();
        Assert.Equal(200, (await caller.Aggregations(new { filter = new { name = "accountId", values = ten } })).Status);
        Assert.Equal(200, (await caller.Aggregations(new { filter = new { name = "vulnerabilityId", values = new[] { new string('a', 1024) } } })).Status);
        Assert.Equal(200, (await caller.Send("/ListImageScanFindingAggregations", "")).Status);
        Assert.Equal(200, (await caller.Findings(new { maxResults = 1 })).Status);
        Assert.Equal(200, (await caller.Findings(new { maxResults = 25 })).Status);
    }

    [Fact]
    public async Task An_unknown_path_is_refused_and_counted_as_other()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send("/ListImages", "{}");
        Assert.Equal(404, reply.Status);
        Assert.Equal("UnknownOperationException", reply.ErrorType);
        Assert.Equal(1, server.Requests.Other);
    }
}
