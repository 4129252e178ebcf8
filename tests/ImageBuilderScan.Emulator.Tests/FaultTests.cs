using System.Diagnostics;
using System.Text.Json;

namespace ImageBuilderScan.Emulator.Tests;

public sealed class FaultTests
{
    /// <summary>An aggregations request by image (a value that matches everything when the sample filters nothing), from this token.</summary>
    private static object ByImage(string? nextToken = null) => new { filter = new { name = "imageBuildVersionArn", values = new[] { "x" } }, nextToken };

    [Theory]
    [InlineData(FaultKind.Throttle, 429, "CallRateLimitExceededException")]
    [InlineData(FaultKind.ServiceError, 500, "ServiceException")]
    [InlineData(FaultKind.ServiceUnavailable, 503, "ServiceUnavailableException")]
    public async Task Error_faults_answer_with_the_models_status_and_code_then_end(FaultKind kind, int status, string code)
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = kind, MaxCount = 2 });
        var (server, caller) = (sample.Server, sample.Caller);
        var first = await caller.Aggregations();
        var second = await caller.Findings();
        var third = await caller.Aggregations();
        Assert.Equal((status, code), (first.Status, first.ErrorType));
        Assert.Equal((status, code), (second.Status, second.ErrorType));
        Assert.Equal(200, third.Status);
        Assert.True(Assert.Single(server.Faults.Snapshot()).Spent);
    }

    public static TheoryData<string, int> ModelErrorCodes => new()
    {
        { "ClientException", 400 }, { "ForbiddenException", 403 }, { "InvalidRequestException", 400 },
        { "InvalidPaginationTokenException", 400 }, { "SomethingNewException", 400 },
    };

    [Theory]
    [MemberData(nameof(ModelErrorCodes))]
    public async Task Any_error_code_can_be_injected(string code, int status)
    {
        var reply = await FaultedSample.AnswerAsync(new FaultPlan { Kind = FaultKind.Error, ErrorCode = code, Message = "injected" });
        Assert.Equal((status, code, "injected"), (reply.Status, reply.ErrorType, reply.Json["message"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData(ErrorCodeStyle.HeaderWithSuffix)]
    [InlineData(ErrorCodeStyle.BodyType)]
    [InlineData(ErrorCodeStyle.BodyCode)]
    public async Task The_error_code_can_arrive_in_each_place_services_use(ErrorCodeStyle style)
    {
        var reply = await FaultedSample.AnswerAsync(new FaultPlan { Kind = FaultKind.Throttle, ErrorCodeStyle = style });
        Assert.Equal(429, reply.Status);
        switch (style)
        {
            case ErrorCodeStyle.HeaderWithSuffix: Assert.StartsWith("CallRateLimitExceededException:http", reply.ErrorType); break;
            case ErrorCodeStyle.BodyType: Assert.Null(reply.ErrorType); Assert.Equal("com.amazonaws.imagebuilder#CallRateLimitExceededException", reply.Json["__type"]!.GetValue<string>()); break;
            default: Assert.Null(reply.ErrorType); Assert.Equal("CallRateLimitExceededException", reply.Json["code"]!.GetValue<string>()); break;
        }
    }

    [Fact]
    public async Task A_fault_can_target_the_first_a_middle_or_the_last_page()
    {
        await using var server = await TestData.Sample(pageSize: 1, filterMatchesAll: true);
        using var caller = new EmulatorCaller(server);
        var pages = server.Visible("us-east-1").Aggregations("imageBuildVersionArn").Count;
        foreach (var ordinal in new[] { 1, pages / 2, pages })
        {
            server.Reset();
            server.Faults.Add(new FaultPlan { Kind = FaultKind.ServiceError, Operation = EmulatorOperation.ListImageScanFindingAggregations, OnRequest = ordinal });
            server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, Operation = EmulatorOperation.ListImageScanFindings });
            string? token = null;
            var statuses = new List<int>();
            for (var i = 0; i < pages; i++)
            {
                var reply = await caller.Aggregations(ByImage(token));
                statuses.Add(reply.Status);
                if (reply.Status == 200)
                {
                    token = reply.NextToken;
                }
                else
                {
                    // Retrying the failed page with the same token succeeds: the fault has ended by itself.
                    reply = await caller.Aggregations(ByImage(token));
                    Assert.Equal(200, reply.Status);
                    token = reply.NextToken;
                }
            }
            Assert.Null(token);
            Assert.Equal(ordinal, statuses.IndexOf(500) + 1);
            Assert.Single(statuses, 500);
            Assert.False(server.Faults.Snapshot().Single(f => f.Plan.Kind == FaultKind.Throttle).Spent);
        }
    }

    [Fact]
    public async Task Every_nth_request_and_bursts_are_bounded()
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = FaultKind.Throttle, OnRequest = 3, EveryNth = 3, MaxCount = 2 });
        var (server, caller) = (sample.Server, sample.Caller);
        var statuses = new List<int>();
        for (var i = 0; i < 10; i++) statuses.Add((await caller.Aggregations()).Status);
        Assert.Equal([200, 200, 429, 200, 200, 429, 200, 200, 200, 200], statuses);

        server.Faults.Set(new FaultPlan { Kind = FaultKind.Throttle, OnRequest = 2, MaxCount = 3 });
        statuses.Clear();
        for (var i = 0; i < 6; i++) statuses.Add((await caller.Findings()).Status);
        Assert.Equal([200, 429, 429, 429, 200, 200], statuses);
    }

    [Fact]
    public async Task Latency_delays_then_answers_normally()
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 700 });
        var (server, caller) = (sample.Server, sample.Caller);
        var watch = Stopwatch.StartNew();
        var reply = await caller.Aggregations();
        Assert.True(watch.ElapsedMilliseconds >= 650, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(200, reply.Status);
        // Latency beyond a client's timeout: the client gives up while the emulator waits.
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 60_000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => caller.Aggregations(ct: cts.Token));
    }

    [Fact]
    public async Task A_dropped_connection_fails_the_read()
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = FaultKind.DropConnection });
        var (server, caller) = (sample.Server, sample.Caller);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => caller.Aggregations());
        Assert.True(error is HttpRequestException or IOException, error.ToString());
        Assert.Equal(200, (await caller.Aggregations()).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_truncated_body_is_a_complete_response_with_cut_json(bool chunked)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var whole = await caller.Aggregations();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.TruncatedBody, Chunked = chunked });
        var cut = await caller.Aggregations();
        Assert.Equal(200, cut.Status);
        Assert.InRange(cut.Body.Length, 10, whole.Body.Length - 10);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(cut.Body));
    }

    [Theory]
    [InlineData(Malformation.NotJson, EmulatorOperation.ListImageScanFindingAggregations)]
    [InlineData(Malformation.WrongTypes, EmulatorOperation.ListImageScanFindingAggregations)]
    [InlineData(Malformation.WrongTypes, EmulatorOperation.ListImageScanFindings)]
    public async Task A_malformed_body_is_not_json_or_has_wrong_types(Malformation malformation, EmulatorOperation operation)
    {
        var reply = await FaultedSample.AnswerAsync(new FaultPlan { Kind = FaultKind.MalformedBody, Malformation = malformation }, operation);
        Assert.Equal(200, reply.Status);
        if (malformation == Malformation.NotJson)
        {
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(reply.Body));
        }
        else
        {
            var member = operation == EmulatorOperation.ListImageScanFindings ? "findings" : "responses";
            Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(reply.Body).RootElement.GetProperty("nextToken").ValueKind);
            Assert.True(JsonDocument.Parse(reply.Body).RootElement.TryGetProperty(member, out _));
        }
    }

    [Fact]
    public async Task A_repeated_next_token_returns_the_requests_own_token_and_waits_for_one()
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = FaultKind.RepeatedNextToken }, pageSize: 2, filterMatchesAll: true);
        var (server, caller) = (sample.Server, sample.Caller);
        var first = await caller.Aggregations(ByImage());
        Assert.NotNull(first.NextToken);
        var second = await caller.Aggregations(ByImage(first.NextToken));
        Assert.Equal(first.NextToken, second.NextToken);
        Assert.Equal(1, Assert.Single(server.Faults.Snapshot()).Fired);
    }

    [Theory]
    [InlineData(Absurdity.Negative)]
    [InlineData(Absurdity.PartsExceedAll)]
    public async Task Absurd_counts_are_served_when_asked(Absurdity absurdity)
    {
        await using var sample = await FaultedSample.StartAsync(new FaultPlan { Kind = FaultKind.AbsurdCounts, Absurdity = absurdity });
        var (server, caller) = (sample.Server, sample.Caller);
        var findings = await caller.Findings();
        Assert.Equal(200, findings.Status);
        var got = await caller.AllAggregations();
        Assert.All(got, a => Assert.True(absurdity == Absurdity.Negative
            ? a.Counts.Critical < 0
            : a.Counts.Critical + a.Counts.High + a.Counts.Medium > a.Counts.All));
        Assert.Equal(server.Visible("us-east-1").Aggregations("accountId")[0].Key, got[0].Key);
    }

    [Fact]
    public async Task Faults_from_the_command_line_are_installed()
    {
        var options = EmulatorCommandLine.Parse(["--data", TestData.SamplePath, "--fault", "throttle:op=findings,on=2,max=1"], out _);
        await using var server = await EmulatorServer.StartAsync(options);
        using var caller = new EmulatorCaller(server);
        Assert.Equal(200, (await caller.Aggregations()).Status);
        Assert.Equal(200, (await caller.Aggregations()).Status);
        Assert.Equal(200, (await caller.Findings()).Status);
        Assert.Equal(429, (await caller.Findings()).Status);
        Assert.Equal(200, (await caller.Findings()).Status);
    }
}
