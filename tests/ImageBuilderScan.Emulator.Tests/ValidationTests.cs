namespace ImageBuilderScan.Emulator.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string> BadAggregationRequests => new()
    {
        """{"filter":{"name":"bogus","values":["x"]}}""",
        """{"filter":{"name":"account-id","values":["x"]}}""",
        """{"filter":{"name":"severity","values":["HIGH"]}}""",
        """{"filter":{"name":"accountId","values":[]}}""",
        """{"filter":{"name":"accountId","values":["1","2","3","4","5","6","7","8","9","10","11"]}}""",
        """{"filter":{"name":"accountId","values":["bad;value"]}}""",
        """{"filter":{"name":"accountId","values":[""]}}""",
        """{"filter":{"name":"accountId","values":[12]}}""",
        """{"filter":{"name":"accountId"}}""",
        """{"filter":"accountId"}""",
        """{"nextToken":""}""",
        """{"nextToken":12}""",
        """[1,2]""",
        """not json""",
    };

    public static TheoryData<string> BadFindingsRequests => new()
    {
        """{"filters":[]}""",
        """{"filters":[{"name":"severity","values":["HIGH"]},{"name":"severity","values":["LOW"]}]}""",
        """{"filters":[{"name":"severity","values":["HIGH","LOW"]}]}""",
        """{"filters":[{"name":"accountId","values":["111122223333"]}]}""",
        """{"filters":[{"name":"severity","values":["<script>"]}]}""",
        """{"maxResults":0}""",
        """{"maxResults":26}""",
        """{"maxResults":"10"}""",
        """{"maxResults":2.5}""",
    };

    [Theory]
    [MemberData(nameof(BadAggregationRequests))]
    public async Task Invalid_aggregation_requests_get_InvalidRequestException(string body)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send("/ListImageScanFindingAggregations", body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidRequestException", reply.ErrorType);
        Assert.False(string.IsNullOrEmpty(reply.Json["message"]!.GetValue<string>()));
        Assert.NotNull(reply.RequestId);
    }

    [Theory]
    [MemberData(nameof(BadFindingsRequests))]
    public async Task Invalid_findings_requests_get_InvalidRequestException(string body)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send("/ListImageScanFindings", body);
        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidRequestException", reply.ErrorType);
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
