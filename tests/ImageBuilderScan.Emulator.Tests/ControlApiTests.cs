namespace ImageBuilderScan.Emulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task Faults_are_set_listed_and_cleared_over_http_without_a_restart()
    {
        await using var sample = await ControlledSample.StartAsync();
        var (server, caller) = (sample.Server, sample.Caller);
        var plans = """[{"kind":"throttle","operation":"listImageScanFindingAggregations","onRequest":2,"maxCount":1},{"kind":"latency","latencyMs":1}]""";
        Assert.Equal(200, await sample.PostAsync("/_emulator/faults", plans));
        var listed = (await sample.GetAsync("/_emulator/faults")).AsArray();
        Assert.Equal(["throttle", "latency"], listed.Select(f => f!["plan"]!["kind"]!.GetValue<string>()));
        Assert.Equal(200, (await caller.Aggregations()).Status);
        Assert.Equal(429, (await caller.Aggregations()).Status);
        Assert.Equal(200, await sample.PostAsync("/_emulator/faults", """{"kind":"serviceUnavailable"}"""));
        Assert.Equal(3, server.Faults.Snapshot().Count);
        Assert.Equal(200, (int)(await sample.Control.DeleteAsync("/_emulator/faults")).StatusCode);
        Assert.Empty(server.Faults.Snapshot());
        Assert.Equal(200, (await caller.Aggregations()).Status);
    }

    [Fact]
    public async Task Stats_count_requests_per_operation_and_reset_clears_counts_and_faults()
    {
        await using var sample = await ControlledSample.StartAsync();
        var (server, caller) = (sample.Server, sample.Caller);
        await caller.Aggregations();
        await caller.Aggregations();
        await caller.Findings();
        await caller.Send("/ListImageScanFindings", "{}", sign: false);
        var stats = await sample.GetAsync("/_emulator/stats");
        Assert.Equal(4, stats["total"]!.GetValue<long>());
        Assert.Equal(2, stats["listImageScanFindingAggregations"]!.GetValue<long>());
        Assert.Equal(2, stats["listImageScanFindings"]!.GetValue<long>());
        Assert.Equal(1, stats["authenticationFailures"]!.GetValue<long>());
        Assert.Equal(4, server.Requests.Recent.Count);
        Assert.Equal(403, server.Requests.Recent[^1].StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", server.Requests.Recent[^1].ErrorCode);
        Assert.Contains("\"filter\"", server.Requests.Recent[0].Body + "\"filter\"");
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIBSCANEMULATOR00/", server.Requests.Recent[0].Headers["authorization"]);
        var requests = (await sample.GetAsync("/_emulator/requests")).AsArray();
        Assert.Equal("listImageScanFindingAggregations", requests[0]!["operation"]!.GetValue<string>());

        server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle });
        Assert.Equal(200, await sample.PostAsync("/_emulator/reset"));
        Assert.Equal(0, server.Requests.Total);
        Assert.Empty(server.Faults.Snapshot());
        Assert.Equal(200, (await caller.Aggregations()).Status);
        Assert.Equal(1, server.Requests.Aggregations);
    }

    [Fact]
    public async Task Control_requests_are_not_counted_and_bad_plans_are_refused()
    {
        await using var sample = await ControlledSample.StartAsync();
        await sample.GetAsync("/_emulator/stats");
        Assert.Equal(400, await sample.PostAsync("/_emulator/faults", """{"kind":"throttle","maxCount":0}"""));
        Assert.Equal(400, await sample.PostAsync("/_emulator/faults", """{"kind":"nope"}"""));
        Assert.Equal(0, sample.Server.Requests.Total);
        Assert.Empty(sample.Server.Faults.Snapshot());
    }

    [Fact]
    public async Task Expected_aggregations_and_the_data_set_are_served_for_out_of_process_tests()
    {
        await using var sample = await ControlledSample.StartAsync();
        var server = sample.Server;
        var expected = (await sample.GetAsync("/_emulator/aggregations?filterName=imagePipelineArn")).AsArray();
        Assert.Equal(server.Data.Aggregations("imagePipelineArn").Select(a => a.Key), expected.Select(a => a!["key"]!.GetValue<string>()));
        var data = FindingsDataSet.Parse(await sample.Control.GetStringAsync("/_emulator/data"));
        Assert.Equal(server.Data.Findings.Select(f => f.Json), data.Findings.Select(f => f.Json));
    }
}
