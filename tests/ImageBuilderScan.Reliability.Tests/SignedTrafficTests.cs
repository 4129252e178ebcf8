using ImageBuilderScan.Reliability.Tests.Support;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Only signed, authentic traffic: a request the engine really sent is replayed as is (accepted) and with one
/// thing changed (refused); a wrong secret and a replay past the 15-minute skew window are refused; the client
/// never sends credentials to a plain-HTTP endpoint that is not loopback unless told to, and then warns.
/// </summary>
public sealed class SignedTrafficTests
{
    private const string SessionToken = "IBSCAN-session-token-for-signed-traffic";

    private static async Task<(EmulatorServer Server, RecordedRequest Genuine)> CaptureAsync()
    {
        var server = await Emulators.StartAsync(SessionToken);
        using var client = Emulators.Client(server);
        await client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["123456789012"] }).ToListAsync();
        return (server, server.Requests.Recent[^1]);
    }

    private static async Task<HttpResponseMessage> ReplayAsync(EmulatorServer server, RecordedRequest request,
        string? path = null, string? body = null, Action<Dictionary<string, string>>? headers = null)
    {
        var copy = new Dictionary<string, string>(request.Headers);
        headers?.Invoke(copy);
        using var http = new HttpClient();
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, path ?? request.Path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? request.Body)),
        };
        foreach (var (name, value) in copy)
        {
            if (name is "host" or "content-length") continue;
            if (name.StartsWith("content-", StringComparison.Ordinal)) message.Content.Headers.TryAddWithoutValidation(name, value);
            else message.Headers.TryAddWithoutValidation(name, value);
        }
        return await http.SendAsync(message);
    }

    [Fact]
    public async Task Genuine_request_replayed_unchanged_within_the_window_is_accepted()
    {
        var (server, genuine) = await CaptureAsync();
        await using var _ = server;
        server.Clock = () => DateTimeOffset.UtcNow.AddMinutes(14);
        using var response = await ReplayAsync(server, genuine);
        Assert.Equal(200, (int)response.StatusCode);
    }

    public static TheoryData<string> Tampering => new() { "body", "signed header", "path", "session token", "clock skew" };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task Tampered_or_stale_request_is_refused(string what)
    {
        var (server, genuine) = await CaptureAsync();
        await using var _ = server;
        var before = server.Requests.AuthenticationFailures;
        if (what == "clock skew") server.Clock = () => DateTimeOffset.UtcNow.AddMinutes(16);
        using var response = what switch
        {
            "body" => await ReplayAsync(server, genuine, body: genuine.Body.Replace("123456789012", "210987654321")),
            "signed header" => await ReplayAsync(server, genuine, headers: h => h["x-amz-date"] = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("yyyyMMdd'T'HHmmss'Z'")),
            "path" => await ReplayAsync(server, genuine, path: "/ListImageScanFindings"),
            "session token" => await ReplayAsync(server, genuine, headers: h => h["x-amz-security-token"] = SessionToken + "x"),
            _ => await ReplayAsync(server, genuine),
        };
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(before + 1, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task Wrong_secret_is_refused_with_a_typed_error_and_nothing_is_emitted()
    {
        await using var server = await Emulators.StartAsync();
        using var client = ImageBuilderScanClient.Create(Emulators.Options(server, secretKey: "WrongSecretKeyWrongSecretKeyWrongSecret0"));
        var emitted = new List<string>();

        var error = await Assert.ThrowsAnyAsync<ScanServiceException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(new AggregationQuery())) emitted.Add(a.Key);
        });

        Assert.Equal(403, error.StatusCode);
        Assert.Equal(ScanErrorCategory.PermissionDenied, error.Category);
        Assert.Empty(emitted);
        Assert.Equal(1, server.Requests.AuthenticationFailures);
    }

    [Theory]
    [InlineData("http://imagebuilder.example.com/")]
    [InlineData("http://10.0.0.8:8080/")]
    [InlineData("http://192.168.1.20/")]
    public void Plain_http_endpoint_that_is_not_loopback_is_refused_before_anything_is_sent(string endpoint)
    {
        var error = Assert.Throws<ScanConfigurationException>(() => ImageBuilderScanClient.Create(Insecure(endpoint, allow: false, log: null)));
        Assert.Equal("InsecureEndpoint", error.ErrorId);
        Assert.Contains("AllowInsecureEndpoint", error.Message);
    }

    [Fact]
    public void Plain_http_endpoint_with_the_opt_in_warns_through_the_log()
    {
        var log = new RecordingLog();
        using var client = ImageBuilderScanClient.Create(Insecure("http://10.0.0.8:8080/", allow: true, log));
        Assert.Contains(log.Lines, l => l.StartsWith("WARNING:", StringComparison.Ordinal) && l.Contains("unencrypted"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/")]
    [InlineData("http://localhost:9/")]
    [InlineData("http://[::1]:9/")]
    public void Loopback_http_needs_no_opt_in_and_gives_no_warning(string endpoint)
    {
        var log = new RecordingLog();
        using var client = ImageBuilderScanClient.Create(Insecure(endpoint, allow: false, log));
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING:", StringComparison.Ordinal));
    }

    private static ScanClientOptions Insecure(string endpoint, bool allow, IScanLog? log) =>
        TestClientOptions.For(new Uri(endpoint), EmulatorOptions.DefaultAccessKeyId, EmulatorOptions.DefaultSecretAccessKey,
            Emulators.Region, log: log, maxAttempts: 1) with { EndpointUrl = endpoint, AllowInsecureEndpoint = allow };

    [Fact]
    public async Task Forged_page_token_is_refused_by_the_service_with_a_typed_error_carrying_it()
    {
        await using var server = await Emulators.StartAsync();
        using var client = Emulators.Client(server);
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = Workload.Aggregations.Values(server.Data).Take(10).ToArray() };
        var first = await client.GetAggregationsAsync(query).Pages.FirstAsync();
        var token = first.NextToken!;
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var error = await Assert.ThrowsAsync<InvalidPaginationTokenException>(() => client.GetAggregationsAsync(query with { NextToken = forged }).ToListAsync().AsTask());
        Assert.Equal(forged, error.Resume!.NextToken);
    }
}
