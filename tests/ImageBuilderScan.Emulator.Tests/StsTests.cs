using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>
/// The emulator's STS AssumeRole: signed with the configured long-term key (service "sts") it issues temporary
/// credentials, which the Image Builder operations then accept with their session token, and only then.
/// GetCallerIdentity names the signer's account.
/// </summary>
public sealed class StsTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/scanner";
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    [Fact]
    public async Task AssumeRole_signed_with_the_configured_key_issues_credentials_Image_Builder_accepts()
    {
        await using var server = await TestData.Sample();
        var reply = await AssumeRole(server);
        Assert.Equal(200, reply.Status);
        var xml = XDocument.Parse(reply.Body).Root!;
        var result = xml.Element(Sts + "AssumeRoleResult")!;
        var credentials = result.Element(Sts + "Credentials")!;
        var key = credentials.Element(Sts + "AccessKeyId")!.Value;
        var secret = credentials.Element(Sts + "SecretAccessKey")!.Value;
        var token = credentials.Element(Sts + "SessionToken")!.Value;
        var expiration = DateTimeOffset.Parse(credentials.Element(Sts + "Expiration")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("ASIA", key);
        Assert.NotEqual(server.Options.SecretAccessKey, secret);
        // DurationSeconds defaults to one hour (generous bound: the machine may be slow).
        Assert.InRange(expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(61));
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/scanner/ci-run", result.Element(Sts + "AssumedRoleUser")!.Element(Sts + "Arn")!.Value);
        Assert.Equal(key, Assert.Single(server.Sessions.Issued).AccessKeyId);

        using var caller = new EmulatorCaller(server) { AccessKey = key, Secret = secret, SessionToken = token };
        Assert.Equal(200, (await caller.Aggregations()).Status);
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task AssumeRole_with_a_wrong_secret_is_refused_in_STS_XML_and_issues_nothing()
    {
        await using var server = await TestData.Sample();
        var reply = await AssumeRole(server, secret: "not-the-secret");
        Assert.Equal(403, reply.Status);
        var error = XDocument.Parse(reply.Body).Root!.Element(Sts + "Error")!;
        Assert.Equal("SignatureDoesNotMatch", error.Element(Sts + "Code")!.Value);
        Assert.DoesNotContain(server.Options.SecretAccessKey, reply.Body);
        Assert.Empty(server.Sessions.Issued);
        Assert.Equal(1, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task AssumeRole_into_a_denying_account_is_AccessDenied_and_issues_nothing()
    {
        var account = RoleArn.Split(':')[4];
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, DeniedRoleAccounts = [account] });
        var reply = await AssumeRole(server);
        Assert.Equal(403, reply.Status);
        Assert.Equal("AccessDenied", Code(reply));
        Assert.Contains(RoleArn, reply.Body);
        Assert.Empty(server.Sessions.Issued);
        Assert.Equal([account], EmulatorCommandLine.Parse(["--deny-assume-role", account], out _).DeniedRoleAccounts);
    }

    [Fact]
    public async Task AssumeRole_refuses_an_unknown_key_a_signature_for_another_service_and_an_unsigned_call()
    {
        await using var server = await TestData.Sample();
        Assert.Equal("InvalidClientTokenId", Code(await AssumeRole(server, accessKey: "AKIAOTHERKEY00000000")));
        Assert.Equal("SignatureDoesNotMatch", Code(await AssumeRole(server, service: "imagebuilder")));
        Assert.Equal("MissingAuthenticationToken", Code(await AssumeRole(server, sign: false)));
        Assert.Empty(server.Sessions.Issued);
    }

    [Theory]
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleSessionName=ci-run")] // no RoleArn
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx&RoleSessionName=ci-run")] // no 12-digit account
    [InlineData("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fx&RoleSessionName=ci-run&DurationSeconds=60")] // too short
    public Task An_AssumeRole_with_a_bad_parameter_is_a_ValidationError(string form) => AssertRefused(form, "ValidationError");

    [Theory]
    [InlineData("Action=DecodeAuthorizationMessage&Version=2011-06-15&EncodedMessage=x")]
    [InlineData("Action=GetCallerIdentity&Version=2010-01-01")]
    public Task Any_other_STS_action_is_an_InvalidAction(string form) => AssertRefused(form, "InvalidAction");

    private static async Task AssertRefused(string form, string code)
    {
        await using var server = await TestData.Sample();
        var reply = await Post(server, form);
        Assert.Equal(400, reply.Status);
        Assert.Equal(code, Code(reply));
    }

    [Fact]
    public async Task Temporary_credentials_need_their_own_token_and_stop_working_when_expired()
    {
        await using var server = await TestData.Sample();
        Assert.Equal(200, (await AssumeRole(server)).Status);
        var issued = Assert.Single(server.Sessions.Issued);

        using var noToken = new EmulatorCaller(server) { AccessKey = issued.AccessKeyId, Secret = issued.SecretAccessKey, SessionToken = null };
        Assert.Equal("UnrecognizedClientException", (await noToken.Aggregations()).ErrorType);
        using var wrongSecret = new EmulatorCaller(server) { AccessKey = issued.AccessKeyId, Secret = server.Options.SecretAccessKey, SessionToken = issued.SessionToken };
        Assert.Equal("InvalidSignatureException", (await wrongSecret.Aggregations()).ErrorType);

        server.Sessions.ExpireAll(DateTimeOffset.UtcNow);
        using var expired = new EmulatorCaller(server) { AccessKey = issued.AccessKeyId, Secret = issued.SecretAccessKey, SessionToken = issued.SessionToken };
        var reply = await expired.Aggregations();
        Assert.Equal(403, reply.Status);
        Assert.Equal("ExpiredTokenException", reply.ErrorType);
    }

    [Fact]
    public async Task GetCallerIdentity_names_the_administrator_for_the_configured_key_and_the_role_account_for_its_credentials()
    {
        await using var server = await TestData.Sample();
        var admin = await Post(server, "Action=GetCallerIdentity&Version=2011-06-15");
        Assert.Equal(200, admin.Status);
        var adminResult = XDocument.Parse(admin.Body).Root!.Element(Sts + "GetCallerIdentityResult")!;
        Assert.Equal(server.Options.AdminAccountId, adminResult.Element(Sts + "Account")!.Value);
        Assert.Equal($"arn:aws:iam::{server.Options.AdminAccountId}:user/ibscan-emulator", adminResult.Element(Sts + "Arn")!.Value);

        const string member = "arn:aws:iam::444455556666:role/ScanAudit";
        Assert.Equal(200, (await Post(server, $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(member)}&RoleSessionName=who")).Status);
        var issued = Assert.Single(server.Sessions.Issued);
        var role = await Post(server, "Action=GetCallerIdentity&Version=2011-06-15", issued.AccessKeyId, issued.SecretAccessKey, sessionToken: issued.SessionToken);
        Assert.Equal(200, role.Status);
        var roleResult = XDocument.Parse(role.Body).Root!.Element(Sts + "GetCallerIdentityResult")!;
        Assert.Equal("444455556666", roleResult.Element(Sts + "Account")!.Value);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/ScanAudit/who", roleResult.Element(Sts + "Arn")!.Value);

        // Verified like every call: a wrong secret is refused, and says nothing of the account.
        var refused = await Post(server, "Action=GetCallerIdentity&Version=2011-06-15", secret: "not-the-secret");
        Assert.Equal(403, refused.Status);
        Assert.Equal("SignatureDoesNotMatch", Code(refused));
        Assert.DoesNotContain(server.Options.AdminAccountId, refused.Body);
    }

    [AwsCliFact]
    public async Task The_cli_reads_the_callers_account()
    {
        await using var server = await TestData.Sample();
        var output = await AwsCli.RunServiceAsync(server, "us-east-1", "sts", "get-caller-identity");
        Assert.Equal(server.Options.AdminAccountId, output["Account"]!.GetValue<string>());
        Assert.Equal($"arn:aws:iam::{server.Options.AdminAccountId}:user/ibscan-emulator", output["Arn"]!.GetValue<string>());
    }

    [AwsCliFact]
    public async Task The_cli_assumes_a_role_and_gets_what_the_emulator_issued()
    {
        await using var server = await TestData.Sample();
        var output = await AwsCli.RunServiceAsync(server, "eu-west-1", "sts", "assume-role", "--role-arn", RoleArn, "--role-session-name", "cli");
        var issued = Assert.Single(server.Sessions.Issued);
        Assert.Equal(issued.AccessKeyId, output["Credentials"]!["AccessKeyId"]!.GetValue<string>());
        Assert.Equal(issued.SessionToken, output["Credentials"]!["SessionToken"]!.GetValue<string>());
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/scanner/cli", output["AssumedRoleUser"]!["Arn"]!.GetValue<string>());
        Assert.Contains("/eu-west-1/sts/aws4_request", Assert.Single(server.Requests.Recent).Headers["authorization"]);
    }

    [Fact]
    public async Task AssumeRole_of_a_role_requiring_MFA_answers_only_with_the_device_and_its_current_code_and_never_records_the_code()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, MfaRoles = [RoleArn], MfaTokenCode = "408317" });
        var device = Uri.EscapeDataString(server.Options.MfaSerialNumber);
        var role = $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(RoleArn)}&RoleSessionName=ci-run";

        Assert.Equal("AccessDenied", Code(await Post(server, role)));
        Assert.Equal("AccessDenied", Code(await Post(server, role + $"&SerialNumber={device}&TokenCode=000000")));
        Assert.Equal("AccessDenied", Code(await Post(server, role + $"&SerialNumber={Uri.EscapeDataString("arn:aws:iam::111122223333:mfa/other")}&TokenCode=408317")));
        Assert.Equal("ValidationError", Code(await Post(server, role + $"&SerialNumber={device}&TokenCode=4083")));
        Assert.Equal("ValidationError", Code(await Post(server, role + "&TokenCode=408317")));
        Assert.Empty(server.Sessions.Issued);
        Assert.Equal(200, (await Post(server, role + $"&SerialNumber={device}&TokenCode=408317")).Status);
        Assert.Single(server.Sessions.Issued);
        // Another role needs no MFA, but MFA given for it is checked all the same (as STS does).
        var other = $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString("arn:aws:iam::111122223333:role/other")}&RoleSessionName=ci-run";
        Assert.Equal(200, (await Post(server, other)).Status);
        Assert.Equal("AccessDenied", Code(await Post(server, other + $"&SerialNumber={device}&TokenCode=111111")));

        Assert.All(server.Requests.Recent, r => Assert.DoesNotContain("408317", r.Body));
        Assert.Contains(server.Requests.Recent, r => r.Body.Contains("TokenCode=***", StringComparison.Ordinal));
    }

    private static string Code(Reply reply) => XDocument.Parse(reply.Body).Root!.Element(Sts + "Error")!.Element(Sts + "Code")!.Value;

    private static Task<Reply> AssumeRole(EmulatorServer server, string? accessKey = null, string? secret = null,
        string service = "sts", bool sign = true) =>
        Post(server, $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(RoleArn)}&RoleSessionName=ci-run",
            accessKey, secret, service, sign);

    private static async Task<Reply> Post(EmulatorServer server, string form, string? accessKey = null, string? secret = null,
        string service = "sts", bool sign = true, string? sessionToken = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var body = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (sign)
        {
            SdkSigner.Sign(request, body, accessKey ?? server.Options.AccessKeyId, secret ?? server.Options.SecretAccessKey,
                "us-east-1", DateTimeOffset.UtcNow, sessionToken, service: service);
        }
        using var response = await http.SendAsync(request);
        return new Reply((int)response.StatusCode, null, null, await response.Content.ReadAsStringAsync());
    }
}
