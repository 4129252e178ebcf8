using System.Net.Http.Headers;

namespace ImageBuilderScan.Emulator.Tests;

public sealed class SignatureTests
{
    private const string Path = "/ListImageScanFindingAggregations";
    private const string Body = """{"filter":{"name":"accountId","values":["111122223333"]}}""";

    [Fact]
    public async Task A_request_signed_by_the_AWS_SDK_is_accepted()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body);
        Assert.Equal(200, reply.Status);
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_with_InvalidSignatureException()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server) { Secret = "not-the-secret" };
        var reply = await caller.Send(Path, Body);
        AssertRefused(reply, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided");
        Assert.DoesNotContain(server.Options.SecretAccessKey, reply.Body);
        Assert.Equal(1, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_with_UnrecognizedClientException()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server) { AccessKey = "AKIAOTHERKEY00000000" };
        AssertRefused(await caller.Send(Path, Body), "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task An_altered_body_under_its_old_content_hash_header_is_refused()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body, tamper: r => r.Content = Json(Body.Replace("111122223333", "444455556666")));
        AssertRefused(reply, "InvalidSignatureException", "does not match");
    }

    [Fact]
    public async Task An_altered_signed_header_is_refused()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body, tamper: r =>
        {
            r.Headers.Remove("X-Amz-Date");
            r.Headers.Add("X-Amz-Date", DateTimeOffset.UtcNow.AddSeconds(-1).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'"));
        });
        AssertRefused(reply, "InvalidSignatureException", "does not match");
        var contentType = await caller.Send(Path, Body, tamper: r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain"));
        AssertRefused(contentType, "InvalidSignatureException", "does not match");
    }

    [Fact]
    public async Task An_altered_path_is_refused()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, "{}", tamper: r => r.RequestUri = new Uri(server.BaseAddress, "/ListImageScanFindings"));
        AssertRefused(reply, "InvalidSignatureException", "does not match");
        Assert.Equal(1, server.Requests.Findings);
    }

    [Fact]
    public async Task A_missing_signature_is_refused_with_MissingAuthenticationTokenException()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        AssertRefused(await caller.Send(Path, Body, sign: false), "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIBSCANEMULATOR00/20250101/us-east-1/imagebuilder/aws4_request")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00")]
    [InlineData("Bearer abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIBSCANEMULATOR00/us-east-1, SignedHeaders=host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_malformed_authorization_is_refused_with_IncompleteSignatureException(string authorization)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body, tamper: r =>
        {
            r.Headers.Remove("Authorization");
            r.Headers.TryAddWithoutValidation("Authorization", authorization);
        });
        AssertRefused(reply, "IncompleteSignatureException", "");
    }

    [Theory]
    [InlineData(-16)]
    [InlineData(16)]
    [InlineData(-60 * 24)]
    public async Task A_date_skewed_past_15_minutes_is_refused(int minutes)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body, at: DateTimeOffset.UtcNow.AddMinutes(minutes));
        AssertRefused(reply, "InvalidSignatureException", minutes < 0 ? "Signature expired: " : "Signature not yet current: ");
    }

    [Fact]
    public async Task A_date_within_15_minutes_is_accepted()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        Assert.Equal(200, (await caller.Send(Path, Body, at: DateTimeOffset.UtcNow.AddMinutes(-14))).Status);
        Assert.Equal(200, (await caller.Send(Path, Body, at: DateTimeOffset.UtcNow.AddMinutes(14))).Status);
    }

    [Fact]
    public async Task A_session_token_is_required_when_configured_and_must_match()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, SessionToken = "FwoGZXIvYXdzEXAMPLETOKEN" });
        using var right = new EmulatorCaller(server);
        using var none = new EmulatorCaller(server) { SessionToken = null };
        using var wrong = new EmulatorCaller(server) { SessionToken = "FwoGZXIvYXdzOTHER" };
        Assert.Equal(200, (await right.Send(Path, Body)).Status);
        AssertRefused(await none.Send(Path, Body), "UnrecognizedClientException", "security token");
        AssertRefused(await wrong.Send(Path, Body), "UnrecognizedClientException", "security token");
    }

    [Fact]
    public async Task Any_region_in_the_scope_is_accepted_but_not_another_service()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send(Path, Body, tamper: r =>
        {
            var auth = r.Headers.GetValues("Authorization").Single().Replace("/imagebuilder/", "/ec2/");
            r.Headers.Remove("Authorization");
            r.Headers.TryAddWithoutValidation("Authorization", auth);
        });
        AssertRefused(reply, "InvalidSignatureException", "imagebuilder");
    }

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static void AssertRefused(Reply reply, string code, string message)
    {
        Assert.Equal(403, reply.Status);
        Assert.Equal(code, reply.ErrorType);
        Assert.Contains(message, reply.Json["message"]!.GetValue<string>());
        Assert.NotNull(reply.RequestId);
    }
}
