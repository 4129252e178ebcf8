
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// The emulator verifies SigV4 from the AWS documentation, independently of the SDK: the engine's signatures
/// are accepted, wrong credentials end in the typed 403 the emulator returns with no item yielded, and a
/// session token is sent when one is configured.
/// </summary>
public sealed class SigningTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    private const string Token = "FwoGZXIvYXdzEEmulatorSessionToken//+=";

    [Fact]
    public async Task Engine_requests_are_accepted_for_both_operations()
    {
        var server = await pool.Get(aggregationPageSize: 3);
        using var client = Emulated.Client(server);

        Assert.NotEmpty(await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));
        Assert.NotEmpty(await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { PageSize = 25 })));

        Assert.Equal(0, server.Requests.AuthenticationFailures);
        Assert.All(Emulated.ApiRequests(server), r => Assert.Equal(200, r.StatusCode));
        Assert.All(Emulated.ApiRequests(server), r => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + server.Options.AccessKeyId + "/", r.Headers["authorization"]));
    }

    public static TheoryData<string, string> WrongCredentials => new()
    {
        // name, expected code
        { "wrong secret", "InvalidSignatureException" },
        { "unknown access key", "UnrecognizedClientException" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task Wrong_credentials_end_in_the_typed_refusal_and_no_item(string name, string code)
    {
        var server = await pool.Get();
        var options = name == "wrong secret"
            ? Emulated.Options(server, maxAttempts: 1, secretKey: "NotTheEmulatorSecret000000000000000000000")
            : Emulated.Options(server, maxAttempts: 1, accessKey: "AKIANOTTHEEMULATOR00");
        using var client = ImageBuilderScanClient.Create(options);

        var aggregations = await Emulated.FailsBeforeAnyItem(client.GetAggregationsAsync(new AggregationQuery()));
        var findings = await Emulated.FailsBeforeAnyItem(client.GetFindingsAsync(new FindingQuery()));

        foreach (var (error, request) in new[] { aggregations, findings }.Zip(Emulated.ApiRequests(server)))
        {
            Assert.Equal(typeof(ScanServiceException), error.GetType());
            Assert.Equal(code, error.ErrorCode);
            Assert.Equal(403, error.StatusCode);
            Assert.Equal(ScanErrorCategory.PermissionDenied, error.Category);
            Assert.Equal(request.RequestId, error.RequestId);
            Assert.Equal(code, request.ErrorCode);
        }
        Assert.Equal(2, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task Session_token_is_sent_and_accepted_when_the_emulator_requires_one()
    {
        var server = await pool.Get(sessionToken: Token);
        using var client = Emulated.Client(server, sessionToken: Token);

        Assert.NotEmpty(await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        var request = Assert.Single(Emulated.ApiRequests(server));
        Assert.Equal(Token, request.Headers["x-amz-security-token"]);
        Assert.Equal(200, request.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("SomeOtherSessionToken")]
    public async Task Missing_or_wrong_session_token_is_refused(string? token)
    {
        var server = await pool.Get(sessionToken: Token);
        using var client = Emulated.Client(server, maxAttempts: 1, sessionToken: token);

        var error = await Emulated.FailsBeforeAnyItem(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.Equal(1, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task Session_token_the_emulator_does_not_expect_is_refused()
    {
        var server = await pool.Get();
        using var client = Emulated.Client(server, maxAttempts: 1, sessionToken: Token);

        var error = await Emulated.FailsBeforeAnyItem(client.GetFindingsAsync(new FindingQuery()));

        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
        Assert.Equal(Token, Assert.Single(Emulated.ApiRequests(server)).Headers["x-amz-security-token"]);
    }
}
