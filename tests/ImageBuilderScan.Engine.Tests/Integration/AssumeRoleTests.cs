using ImageBuilderScan.Engine.Tests.Sdk;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// Assume-role profiles end to end: the engine asks the emulator's STS (reached through the standard
/// AWS_ENDPOINT_URL_STS) for temporary credentials, signed with the source profile's long-term key, then signs
/// Image Builder requests with the temporary key and its session token. Temp profile files only; they change
/// environment variables, so they run in the SdkEnvironment collection.
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class AssumeRoleTests
{
    private const string RoleArn = "arn:aws:iam::111122223333:role/scanner";

    [Fact]
    public async Task A_role_arn_with_a_source_profile_lists_aggregations_with_the_temporary_credentials()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var env = Environment(server);
        var file = env.WriteFile("credentials", RoleProfile(server, "role_session_name = ci-scan"));
        using var client = ImageBuilderScanClient.Create(Options(server, "scanner"));

        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(server.Data.Aggregations(FilterNames.AccountId).Select(Emulated.Row), got.Select(Emulated.Row));
        AssertAssumedThenSigned(server, "ci-scan");
        Assert.Contains("profile 'scanner'", client.Connection.CredentialSource);
        Assert.Contains($"assume role {RoleArn}", client.Connection.CredentialSource);
        Assert.Contains(file, client.Connection.CredentialSource);
    }

    [Fact]
    public async Task A_role_profile_with_credential_source_Environment_uses_the_environment_keys_and_the_profile_region()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var env = Environment(server);
        env.Set("AWS_ACCESS_KEY_ID", server.Options.AccessKeyId).Set("AWS_SECRET_ACCESS_KEY", server.Options.SecretAccessKey);
        // The credentials file, not the config file: AWSSDK.Core reads AWS_CONFIG_FILE once per process (a static,
        // no setter), so a temp config file set after an earlier test in this process would not be seen.
        env.WriteFile("credentials", $"""
            [from-env]
            role_arn = {RoleArn}
            credential_source = Environment
            role_session_name = env-scan
            region = eu-west-1
            """);
        using var client = ImageBuilderScanClient.Create(Options(server, "from-env", region: null));

        Assert.NotEmpty(await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        AssertAssumedThenSigned(server, "env-scan");
        Assert.Equal("eu-west-1", client.Connection.Region);
        // STS is called in the scan's region (regional STS), not always us-east-1.
        Assert.Contains("/eu-west-1/sts/aws4_request", server.Requests.Recent[0].Headers["authorization"]);
        Assert.Contains("profile 'from-env'", client.Connection.CredentialSource);
    }

    [Fact]
    public async Task A_source_profile_with_a_wrong_secret_is_a_configuration_error_naming_the_profile_and_no_secret()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var env = Environment(server);
        const string wrongSecret = "WrongSecretWrongSecretWrongSecretWrong000";
        env.WriteFile("credentials", $"""
            [source]
            aws_access_key_id = {server.Options.AccessKeyId}
            aws_secret_access_key = {wrongSecret}

            [scanner]
            role_arn = {RoleArn}
            source_profile = source
            """);
        using var client = ImageBuilderScanClient.Create(Options(server, "scanner"));

        var error = await Assert.ThrowsAsync<ScanConfigurationException>(() => Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        Assert.Equal("AssumeRoleFailed", error.ErrorId);
        Assert.True(error.IsFatalConfiguration);
        // STS refused the caller (403): a permission problem, as for Image Builder's own 403s.
        Assert.Equal(ScanErrorCategory.PermissionDenied, error.Category);
        Assert.Contains("profile 'scanner'", error.Message);
        Assert.Contains(RoleArn, error.Message);
        Assert.Contains("SignatureDoesNotMatch", error.Message);
        Assert.DoesNotContain(wrongSecret, error.ToString());
        Assert.DoesNotContain(server.Options.SecretAccessKey, error.ToString());
        // STS refused, so no Image Builder request was ever sent.
        Assert.All(server.Requests.Recent, r => Assert.Equal("/", r.Path));
        Assert.Empty(server.Sessions.Issued);
    }

    private const string Device = "arn:aws:iam::111122223333:mfa/scan-operator";
    private const string MfaCode = "408317";

    /// <summary>[source] with the emulator's keys, and [scanner] assuming <see cref="RoleArn"/> with it, plus <paramref name="line"/>.</summary>
    private static string RoleProfile(EmulatorServer server, string line) => $"""
        [source]
        aws_access_key_id = {server.Options.AccessKeyId}
        aws_secret_access_key = {server.Options.SecretAccessKey}

        [scanner]
        role_arn = {RoleArn}
        source_profile = source
        {line}
        """;

    private static string MfaProfile(EmulatorServer server) => RoleProfile(server, $"mfa_serial = {Device}");

    private static Task<EmulatorServer> MfaEmulator() =>
        EmulatorServer.StartAsync(new EmulatorOptions { MfaRoles = [RoleArn], MfaSerialNumber = Device, MfaTokenCode = MfaCode });

    /// <summary>A client for the MFA profile that cannot be made: the error, and what reached the emulator meanwhile.</summary>
    private static async Task<(ScanConfigurationException Error, long Requests, int Issued)> MfaFailure(MfaSession? mfa)
    {
        await using var server = await MfaEmulator();
        using var env = Environment(server);
        env.WriteFile("credentials", MfaProfile(server));
        var error = Assert.Throws<ScanConfigurationException>(() => ImageBuilderScanClient.Create(Options(server, "scanner") with { Mfa = mfa }));
        return (error, server.Requests.Total, server.Sessions.Issued.Count);
    }

    [Fact]
    public async Task A_role_profile_with_mfa_serial_and_nobody_to_ask_fails_at_creation_naming_mfa_serial_and_sends_nothing()
    {
        var (error, requests, _) = await MfaFailure(null);

        Assert.Equal("MfaCodeUnavailable", error.ErrorId);
        Assert.Contains("mfa_serial", error.Message);
        Assert.Contains(Device, error.Message);
        Assert.Contains("profile 'scanner'", error.Message);
        Assert.Contains("get-session-token", error.Message);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task A_role_profile_with_mfa_serial_asks_once_when_the_client_is_made_and_every_client_of_the_session_shares_the_role()
    {
        await using var server = await MfaEmulator();
        using var env = Environment(server);
        env.WriteFile("credentials", MfaProfile(server));
        var asked = new List<MfaChallenge>();
        var mfa = new MfaSession(challenge =>
        {
            lock (asked) asked.Add(challenge);
            return " " + MfaCode + " ";
        });

        using var first = ImageBuilderScanClient.Create(Options(server, "scanner") with { Mfa = mfa });
        // Asked and assumed while the client was made (a cmdlet's pipeline thread), before any listing.
        Assert.Equal(new MfaChallenge("the profile 'scanner'", Device, RoleArn), Assert.Single(asked));
        Assert.Single(server.Sessions.Issued);
        using var second = ImageBuilderScanClient.Create(Options(server, "scanner", region: "eu-west-1") with { Mfa = mfa });

        Assert.NotEmpty(await Listing.CollectAsync(first.GetAggregationsAsync(new AggregationQuery())));
        await Listing.CollectAsync(second.GetAggregationsAsync(new AggregationQuery()));
        Assert.Single(asked);
        var assume = Assert.Single(server.Requests.Recent, r => r.Body.Contains("Action=AssumeRole", StringComparison.Ordinal));
        Assert.Contains("SerialNumber=" + Uri.EscapeDataString(Device), assume.Body);
        Assert.Contains("TokenCode=***", assume.Body);
        Assert.Contains("with MFA", first.Connection.CredentialSource);
    }

    [Theory]
    [InlineData("", "InvalidMfaCode")]
    [InlineData("40831", "InvalidMfaCode")]
    [InlineData("4o8317", "InvalidMfaCode")]
    [InlineData(null, "MfaCodeUnavailable")]
    public async Task An_MFA_answer_that_is_no_code_is_refused_before_anything_is_sent(string? answer, string errorId)
    {
        var (error, requests, _) = await MfaFailure(new MfaSession(_ => answer));

        Assert.Equal(errorId, error.ErrorId);
        if (!string.IsNullOrEmpty(answer)) Assert.DoesNotContain(answer, error.Message);
        Assert.Equal(0, requests);
    }

    [Fact]
    public async Task An_MFA_code_STS_refuses_is_AssumeRoleFailed_with_advice_about_the_code_and_never_the_code()
    {
        var (error, _, issued) = await MfaFailure(new MfaSession(_ => "999999"));

        Assert.Equal("AssumeRoleFailed", error.ErrorId);
        Assert.Contains("MFA device", error.Message);
        Assert.DoesNotContain("999999", error.ToString());
        Assert.Equal(0, issued);
    }

    [Fact]
    public async Task An_STS_endpoint_that_cannot_be_reached_is_named_in_the_error_not_Image_Builders()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        const string unreachableSts = "http://127.0.0.1:1/";
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", unreachableSts);
        env.WriteFile("credentials", RoleProfile(server, "role_session_name = ci-scan"));
        using var client = ImageBuilderScanClient.Create(Options(server, "scanner"));

        var error = await Assert.ThrowsAsync<ScanNetworkException>(() => Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.DoesNotContain(server.BaseAddress.Authority, error.Message);
        Assert.Empty(server.Requests.Recent);
    }

    /// <summary>The first request is AssumeRole signed with the long-term key; every later one uses what it issued.</summary>
    private static void AssertAssumedThenSigned(EmulatorServer server, string sessionName)
    {
        var requests = server.Requests.Recent;
        var assume = requests[0];
        Assert.Equal("/", assume.Path);
        Assert.Contains("Action=AssumeRole", assume.Body);
        Assert.Contains("RoleSessionName=" + sessionName, assume.Body);
        Assert.Contains($"Credential={server.Options.AccessKeyId}/", assume.Headers["authorization"]);
        Assert.Contains("/sts/aws4_request", assume.Headers["authorization"]);
        Assert.Equal(200, assume.StatusCode);
        var issued = Assert.Single(server.Sessions.Issued);
        Assert.Equal(RoleArn, issued.RoleArn);
        var scans = requests.Skip(1).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, r =>
        {
            Assert.NotNull(r.Operation);
            Assert.Contains($"Credential={issued.AccessKeyId}/", r.Headers["authorization"]);
            Assert.Equal(issued.SessionToken, r.Headers["x-amz-security-token"]);
            Assert.Equal(200, r.StatusCode);
        });
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    private static EnvironmentScope Environment(EmulatorServer server) =>
        new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", server.BaseAddress.ToString());

    private static ScanClientOptions Options(EmulatorServer server, string profile, string? region = Emulated.Region) => new()
    {
        ProfileName = profile,
        Region = region,
        EndpointUrl = server.BaseAddress.ToString(),
        MaxAttempts = 1,
    };
}
