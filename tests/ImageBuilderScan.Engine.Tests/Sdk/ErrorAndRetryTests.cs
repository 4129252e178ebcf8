namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>Error codes map to their types; 429 and 5xx are retried; cancellation, timeouts and broken bodies end cleanly.</summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class ErrorAndRetryTests
{
    public static TheoryData<string, int, Type> Codes => new()
    {
        { "CallRateLimitExceededException", 429, typeof(CallRateLimitExceededException) },
        { "InvalidPaginationTokenException", 400, typeof(InvalidPaginationTokenException) },
        { "InvalidRequestException", 400, typeof(InvalidRequestException) },
        { "ClientException", 400, typeof(ClientException) },
        { "ForbiddenException", 403, typeof(ForbiddenException) },
        { "ServiceException", 500, typeof(ServiceException) },
        { "ServiceUnavailableException", 503, typeof(ServiceUnavailableException) },
        { "SomethingNewException", 400, typeof(ScanServiceException) },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Code_in_the_header_maps_to_its_type(string code, int status, Type expected)
    {
        var error = await FailWith(ScriptedResponse.Error(status, code + ":http://internal.amazon.com/coral/com.amazonaws.imagebuilder/", """{"message":"it failed"}"""));
        AssertError(error, code, status, expected, "it failed");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Code_in_the_body_type_with_prefix_and_suffix_maps_to_its_type(string code, int status, Type expected)
    {
        var error = await FailWith(ScriptedResponse.Error(status, null,
            $$"""{"__type":"com.amazonaws.imagebuilder#{{code}}:http://internal.amazon.com/","Message":"body message"}"""));
        AssertError(error, code, status, expected, "body message");
    }

    [Fact]
    public async Task Code_in_the_body_code_member_and_a_bodyless_error_are_mapped()
    {
        AssertError(await FailWith(ScriptedResponse.Error(403, null, """{"code":"ForbiddenException","message":"no"}""")),
            "ForbiddenException", 403, typeof(ForbiddenException), "no");
        var bare = await FailWith(ScriptedResponse.Error(418, null, "not json"));
        Assert.Equal(typeof(ScanServiceException), bare.GetType());
        Assert.Equal(418, bare.StatusCode);
    }

    [Fact]
    public async Task Throttling_then_success_is_retried_and_logged()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Error(429, "CallRateLimitExceededException", """{"message":"slow down"}"""),
            ScriptedResponse.Json("""{"requestId":"ok","responses":[]}"""));
        var log = new RecordingLog();
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, log, maxAttempts: 3));

        var page = await api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), CancellationToken.None);

        Assert.Equal("ok", page.RequestId);
        Assert.Equal(2, server.Requests.Count);
        var retry = Assert.Single(log.Lines, l => l.Contains("Retrying"));
        Assert.Contains("attempt 2 of 3", retry);
        Assert.Contains("Retrying ListImageScanFindingAggregations ", retry);
        Assert.Contains("CallRateLimitExceededException (HTTP 429)", retry);
    }

    [Theory]
    [InlineData(500, "ServiceException")]
    [InlineData(503, "ServiceUnavailableException")]
    public async Task Server_errors_are_retried_as_transient(int status, string code)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Error(status, code, "{}"), ScriptedResponse.Json("""{"findings":[]}"""));
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 2));

        await api.SendAsync(FindingQuery.Listing.Request(null, [], null, null), CancellationToken.None);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Endless_throttling_ends_in_the_typed_error_after_max_attempts()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = ScriptedResponse.Error(429, "CallRateLimitExceededException", """{"message":"Rate exceeded"}""", "r-429") };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 4));

        var error = await Assert.ThrowsAsync<CallRateLimitExceededException>(
            () => api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), CancellationToken.None));
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal((429, "r-429", "Rate exceeded"), (error.StatusCode, error.RequestId, error.Message));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = ScriptedResponse.Error(400, "InvalidPaginationTokenException", "{}") };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 5));
        await Assert.ThrowsAsync<InvalidPaginationTokenException>(
            () => api.SendAsync(AggregationQuery.Listing.Request(null, [], null, "x"), CancellationToken.None));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_while_the_server_stalls_stops_the_request()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(60) } };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 3));
        using var cts = new CancellationTokenSource();

        var call = api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), cts.Token);
        await WaitUntil(() => !server.Requests.IsEmpty);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        // The server holds its answer 60 s: the client hanging up on it shows the cancellation ended the request
        // instead of waiting it out.
        await WaitUntil(() => !server.Abandoned.IsEmpty);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_request_past_its_timeout_is_a_timed_out_network_error() => Assert.True(
        (await NetworkError(ScriptedResponse.Json("{}") with { Delay = TimeSpan.FromSeconds(60) }, maxAttempts: 1, TimeSpan.FromMilliseconds(300))).TimedOut);

    [Fact]
    public async Task A_truncated_body_is_a_network_error_not_a_parse_error() => Assert.False((await NetworkError(
        ScriptedResponse.Json("""{"responses":[{"accountAggregation":{"accountId":"123456789012"}}]}""") with { TruncateTo = 20 }, maxAttempts: 2)).TimedOut);

    [Fact]
    public async Task A_refused_connection_is_a_network_error()
    {
        using var env = new EnvironmentScope();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var api = SdkTestSupport.Create(TestClientOptions.For(new Uri($"http://127.0.0.1:{port}"), SdkTestSupport.AccessKey, SdkTestSupport.SecretKey, "us-east-1", maxAttempts: 1));
        var error = await Assert.ThrowsAsync<ScanNetworkException>(
            () => api.SendAsync(FindingQuery.Listing.Request(null, [], null, null), CancellationToken.None));
        Assert.DoesNotContain(SdkTestSupport.SecretKey, error.ToString());
    }

    private static async Task<ScanNetworkException> NetworkError(ScriptedResponse answer, int maxAttempts, TimeSpan? timeout = null)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = answer };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: maxAttempts, timeout: timeout));
        return await Assert.ThrowsAsync<ScanNetworkException>(() => api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), CancellationToken.None));
    }

    private static async Task<ScanServiceException> FailWith(ScriptedResponse response)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = response };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 1));
        return await Assert.ThrowsAnyAsync<ScanServiceException>(
            () => api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), CancellationToken.None));
    }

    private static void AssertError(ScanServiceException error, string code, int status, Type expected, string message)
    {
        Assert.Equal(expected, error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal("err-req", error.RequestId);
        Assert.Equal(message, error.Message);
        Assert.Null(error.InnerException);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }
}
