
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>
/// The endpoint from a shared config profile, with the AWS SDKs' and CLI's precedence: option,
/// AWS_ENDPOINT_URL_IMAGEBUILDER, AWS_ENDPOINT_URL, the profile's services section, the profile's endpoint_url;
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's ignore_configured_endpoint_urls turn off all but the option.
/// (tests/Client.Errors.Tests.ps1 checks the same file against the AWS CLI.)
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class ConfiguredEndpointTests
{
    private const string Config = """
        # comment
        [default]
        endpoint_url = http://127.0.0.1:4001

        [profile svc]
        services = local
        endpoint_url = http://127.0.0.1:4002
        [services local]
        s3 =
          endpoint_url = http://127.0.0.1:4999
        imagebuilder =
          endpoint_url = http://127.0.0.1:4003
        [profile plain]
        endpoint_url = http://127.0.0.1:4004
        [profile ignoring]
        endpoint_url = http://127.0.0.1:4005
        ignore_configured_endpoint_urls = true
        [profile otherservice]
        services = onlys3
        endpoint_url = http://127.0.0.1:4006
        [services onlys3]
        s3 =
          endpoint_url = http://127.0.0.1:4999
        """;

    private static string? Endpoint(EnvironmentScope env, string? profile = null, string? option = null)
    {
        env.WriteFile("config", Config);
        var uri = ConnectionSettings.Endpoint(new ScanClientOptions { ProfileName = profile, EndpointUrl = option });
        return uri?.ToString().TrimEnd('/');
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:4001")]
    [InlineData("svc", "http://127.0.0.1:4003")]
    [InlineData("plain", "http://127.0.0.1:4004")]
    [InlineData("ignoring", null)]
    [InlineData("otherservice", "http://127.0.0.1:4006")]
    [InlineData("missing", null)]
    public void A_profile_configures_the_endpoint_as_the_CLI_reads_it(string? profile, string? expected)
    {
        using var env = new EnvironmentScope();
        Assert.Equal(expected, Endpoint(env, profile));
    }

    [Fact]
    public void AWS_PROFILE_picks_the_profile_and_the_variables_and_option_win_in_order()
    {
        using var env = new EnvironmentScope();
        env.Set("AWS_PROFILE", "svc");
        Assert.Equal("http://127.0.0.1:4003", Endpoint(env));
        env.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4010");
        Assert.Equal("http://127.0.0.1:4010", Endpoint(env));
        env.Set("AWS_ENDPOINT_URL_IMAGEBUILDER", "http://127.0.0.1:4011");
        Assert.Equal("http://127.0.0.1:4011", Endpoint(env));
        Assert.Equal("http://127.0.0.1:4012", Endpoint(env, option: "http://127.0.0.1:4012"));
    }

    [Fact]
    public void Ignoring_configured_endpoints_leaves_only_the_option()
    {
        using var env = new EnvironmentScope();
        env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true").Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4010");
        Assert.Null(Endpoint(env, "svc"));
        Assert.Equal("http://127.0.0.1:4012", Endpoint(env, "svc", option: "http://127.0.0.1:4012"));
        // The profile's own flag also turns off the environment's URL (unless the variable says otherwise).
        env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", null);
        Assert.Null(Endpoint(env, "ignoring"));
        env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
        Assert.Equal("http://127.0.0.1:4010", Endpoint(env, "ignoring"));
    }

    [Fact]
    public void A_profile_endpoint_is_checked_like_any_other()
    {
        using var env = new EnvironmentScope();
        env.WriteFile("config", "[profile bad]\nendpoint_url = ftp://example.com\n");
        var error = Assert.Throws<Client.Errors.ScanConfigurationException>(() => ConnectionSettings.Endpoint(new ScanClientOptions { ProfileName = "bad" }));
        Assert.Equal("InvalidEndpoint", error.ErrorId);
    }
}
