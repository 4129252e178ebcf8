
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// Every error the emulator can inject reaches the caller as its typed exception, with code, status and the
/// request id the emulator answered with, wherever the emulator puts the code; 429, 500 and 503 are retried
/// up to MaxAttempts (counted in the emulator's log) and a retried listing yields everything exactly once.
/// </summary>
public sealed class ErrorTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    public static TheoryData<string, int, Type, ErrorCodeStyle> CodesAndStyles()
    {
        var codes = new (string Code, int Status, Type Type)[]
        {
            ("CallRateLimitExceededException", 429, typeof(CallRateLimitExceededException)),
            ("InvalidPaginationTokenException", 400, typeof(InvalidPaginationTokenException)),
            ("InvalidRequestException", 400, typeof(InvalidRequestException)),
            ("ClientException", 400, typeof(ClientException)),
            ("ForbiddenException", 403, typeof(ForbiddenException)),
            ("ServiceException", 500, typeof(ServiceException)),
            ("ServiceUnavailableException", 503, typeof(ServiceUnavailableException)),
            ("SomethingNewException", 400, typeof(ScanServiceException)),
        };
        var data = new TheoryData<string, int, Type, ErrorCodeStyle>();
        foreach (var (code, status, type) in codes)
        {
            foreach (var style in Enum.GetValues<ErrorCodeStyle>())
            {
                data.Add(code, status, type, style);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CodesAndStyles))]
    public async Task Injected_error_maps_to_its_type_with_code_status_and_request_id(string code, int status, Type type, ErrorCodeStyle style)
    {
        var server = await pool.Get();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Error, ErrorCode = code, StatusCode = status, ErrorCodeStyle = style, Message = "injected " + code });
        using var client = Emulated.Client(server, maxAttempts: 1);

        var error = await Emulated.FailsBeforeAnyItem(client.GetAggregationsAsync(new AggregationQuery()));

        var request = Assert.Single(Emulated.ApiRequests(server));
        AssertError(error, type, code, status, request);
        Assert.Equal("injected " + code, error.Message);
    }

    public static TheoryData<FaultKind, Type, string, int> FaultKinds => new()
    {
        { FaultKind.Throttle, typeof(CallRateLimitExceededException), "CallRateLimitExceededException", 429 },
        { FaultKind.ServiceError, typeof(ServiceException), "ServiceException", 500 },
        { FaultKind.ServiceUnavailable, typeof(ServiceUnavailableException), "ServiceUnavailableException", 503 },
    };

    [Theory]
    [MemberData(nameof(FaultKinds))]
    public async Task Retryable_faults_map_to_their_type_on_findings_too(FaultKind kind, Type type, string code, int status)
    {
        var server = await pool.Get();
        server.Faults.Add(new FaultPlan { Kind = kind, Operation = EmulatorOperation.ListImageScanFindings });
        using var client = Emulated.Client(server, maxAttempts: 1);

        var error = await Emulated.FailsBeforeAnyItem(client.GetFindingsAsync(new FindingQuery()));

        AssertError(error, type, code, status, Assert.Single(Emulated.ApiRequests(server)));
    }

    [Theory]
    [InlineData(FaultKind.Throttle, 429)]
    [InlineData(FaultKind.ServiceError, 500)]
    [InlineData(FaultKind.ServiceUnavailable, 503)]
    public async Task Fault_then_success_is_retried_and_every_aggregation_arrives_once(FaultKind kind, int status)
    {
        var server = await pool.Get(aggregationPageSize: 3);
        // Two failures on the second page: the retry must resend that page's token, not restart or skip.
        server.Faults.Add(new FaultPlan { Kind = kind, OnRequest = 2, MaxCount = 2 });
        var expected = server.Data.ExpectedAggregations(FilterNames.VulnerabilityId, null);
        var values = expected.Select(e => e.Key).Take(10).ToArray();
        using var client = Emulated.Client(server, maxAttempts: 3);

        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.VulnerabilityId, Values = values }));

        Assert.Equal(server.Data.ExpectedAggregations(FilterNames.VulnerabilityId, values).Select(Emulated.Row), got.Select(Emulated.Row));
        var statuses = Emulated.ApiRequests(server).Select(r => r.StatusCode).ToArray();
        Assert.Equal([200, status, status, 200], statuses.Take(4));
        Assert.Equal((values.Length + 2) / 3 + 2, statuses.Length);
        Assert.Equal(2, server.Faults.FiredCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Endless_throttling_ends_in_the_typed_error_after_max_attempts(int maxAttempts)
    {
        var server = await pool.Get();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, MaxCount = 1000 });
        using var client = Emulated.Client(server, maxAttempts: maxAttempts);

        var error = await Emulated.FailsBeforeAnyItem(client.GetAggregationsAsync(new AggregationQuery()));

        var requests = Emulated.ApiRequests(server);
        Assert.Equal(maxAttempts, requests.Count);
        Assert.All(requests, r => Assert.Equal(429, r.StatusCode));
        AssertError(error, typeof(CallRateLimitExceededException), "CallRateLimitExceededException", 429, requests[^1]);
    }

    [Fact]
    public async Task Non_retryable_error_is_not_retried_and_names_where_to_resume()
    {
        var server = await pool.Get(aggregationPageSize: 1);
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Error, ErrorCode = "InvalidRequestException", OnRequest = 2 });
        using var client = Emulated.Client(server, maxAttempts: 3);
        var yielded = new List<Client.Model.ScanFindingAggregation>();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(new AggregationQuery())) yielded.Add(a);
        });

        Assert.Equal(2, server.Requests.Total);
        Assert.Single(yielded);
        Assert.NotNull(error.Resume);
        Assert.NotNull(error.Resume.NextToken);
        // Resuming from the point the error names yields exactly the rest.
        var rest = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { NextToken = error.Resume.NextToken }));
        Assert.Equal(server.Data.Aggregations(FilterNames.AccountId).Select(Emulated.Row), yielded.Concat(rest).Select(Emulated.Row));
    }

    private static void AssertError(ScanServiceException error, Type type, string code, int status, RecordedRequest request)
    {
        Assert.Equal(type, error.GetType());
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(status, request.StatusCode);
        Assert.Equal(request.RequestId, error.RequestId);
    }
}
