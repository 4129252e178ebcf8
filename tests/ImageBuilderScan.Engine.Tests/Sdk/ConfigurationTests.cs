
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>Region, credentials, endpoint and retry settings are resolved per Create call from options, env and profiles.</summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class ConfigurationTests
{
    private static ScanConnectionInfo Resolve(ScanClientOptions options)
    {
        using var api = SdkTransportFactory.Create(options, out var connection);
        return connection;
    }

    private static ScanClientOptions Keys(string? region = "us-east-1") => new()
    {
        Region = region, AccessKey = SdkTestSupport.AccessKey, SecretKey = SdkTestSupport.SecretKey, SessionToken = SdkTestSupport.SessionToken,
    };

    [Fact]
    public void Environment_changes_between_two_creates_are_honoured()
    {
        using var env = new EnvironmentScope();
        env.Set("AWS_ACCESS_KEY_ID", "AKIDENV").Set("AWS_SECRET_ACCESS_KEY", "envsecret").Set("AWS_REGION", "eu-west-1");
        var first = Resolve(new ScanClientOptions());
        Assert.Equal(("eu-west-1", "https://imagebuilder.eu-west-1.amazonaws.com", "environment", 3),
            (first.Region, first.Endpoint, first.CredentialSource, first.MaxAttempts));

        env.Set("AWS_REGION", "cn-north-1").Set("AWS_MAX_ATTEMPTS", "7").Set("AWS_USE_DUALSTACK_ENDPOINT", "true");
        var second = Resolve(new ScanClientOptions());
        Assert.Equal(("cn-north-1", "https://imagebuilder.cn-north-1.api.amazonwebservices.com.cn", 7), (second.Region, second.Endpoint, second.MaxAttempts));
    }

    [Fact]
    public void Profiles_give_credentials_and_region_and_AWS_PROFILE_switches_between_calls()
    {
        using var env = new EnvironmentScope();
        var file = env.WriteFile("credentials", """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = defaultsecret
            region = us-west-1

            [dev]
            aws_access_key_id = AKIDDEV
            aws_secret_access_key = devsecret
            region = ap-northeast-1
            """);
        env.Set("AWS_SHARED_CREDENTIALS_FILE", file);

        var byDefault = Resolve(new ScanClientOptions());
        Assert.Equal("us-west-1", byDefault.Region);
        Assert.StartsWith("profile 'default'", byDefault.CredentialSource);

        env.Set("AWS_PROFILE", "dev");
        var byEnv = Resolve(new ScanClientOptions());
        Assert.Equal("ap-northeast-1", byEnv.Region);
        Assert.StartsWith("profile 'dev'", byEnv.CredentialSource);
        Assert.Contains(file, byEnv.CredentialSource);

        var other = env.WriteFile("other-credentials", "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = cisecret\nregion = eu-central-1\n");
        var byOption = Resolve(new ScanClientOptions { ProfileName = "ci", ProfileLocation = other, Region = "eu-north-1" });
        Assert.Equal("eu-north-1", byOption.Region);
        Assert.Equal($"profile 'ci' (file {other})", byOption.CredentialSource);

        var missing = Assert.Throws<ScanConfigurationException>(() => Resolve(new ScanClientOptions { ProfileName = "nope" }));
        Assert.Equal("NoCredentials", missing.ErrorId);
        Assert.True(missing.IsFatalConfiguration);
    }

    [Fact]
    public void No_region_leaves_the_client_without_one_and_no_credentials_is_a_configuration_error_that_says_what_to_do()
    {
        using var env = new EnvironmentScope();
        // No region anywhere: the client is made without one (a query by ARN names its own; the client refuses any other).
        var log = new RecordingLog();
        var noRegion = Resolve(Keys(region: null) with { Log = log });
        Assert.Equal((null, null, RegionSources.None), (noRegion.Region, noRegion.Endpoint, noRegion.RegionSource));
        Assert.Contains(log.Lines, l => l.Contains("no region is set", StringComparison.Ordinal) && l.Contains("ARN's region", StringComparison.Ordinal));

        env.Set("AWS_REGION", "us-east-1");
        var noCredentials = Assert.Throws<ScanConfigurationException>(() => Resolve(new ScanClientOptions()));
        Assert.Equal("NoCredentials", noCredentials.ErrorId);
        Assert.Contains("AWS_ACCESS_KEY_ID", noCredentials.Message);
    }

    [Fact]
    public void Endpoint_from_the_environment_signs_for_the_region_and_insecure_hosts_need_an_opt_in()
    {
        using var env = new EnvironmentScope();
        env.Set("AWS_ENDPOINT_URL_IMAGEBUILDER", "http://127.0.0.1:9/");
        var local = Resolve(Keys("eu-west-3"));
        Assert.Equal(("eu-west-3", "http://127.0.0.1:9/", "explicit keys"), (local.Region, local.Endpoint, local.CredentialSource));

        var insecure = Assert.Throws<ScanConfigurationException>(() => Resolve(new ScanClientOptions { Region = "us-east-1", AccessKey = "a", SecretKey = "b", EndpointUrl = "http://scan.example.com" }));
        Assert.Equal("InsecureEndpoint", insecure.ErrorId);

        var log = new RecordingLog();
        var allowed = Resolve(new ScanClientOptions
        {
            Region = "us-east-1", AccessKey = SdkTestSupport.AccessKey, SecretKey = SdkTestSupport.SecretKey,
            EndpointUrl = "http://scan.example.com", AllowInsecureEndpoint = true, Log = log,
        });
        Assert.Equal("http://scan.example.com/", allowed.Endpoint);
        Assert.Contains(log.Lines, l => l.StartsWith("WARNING:") && l.Contains("unencrypted"));

        var fipsCustom = Assert.Throws<ScanConfigurationException>(() => Resolve(new ScanClientOptions
        {
            Region = "us-east-1", AccessKey = "a", SecretKey = "b", EndpointUrl = "https://x.example", UseFipsEndpoint = true,
        }));
        Assert.Equal("InvalidEndpointConfiguration", fipsCustom.ErrorId);
    }

    [Fact]
    public void Invalid_settings_are_refused_and_no_secret_appears_in_any_message()
    {
        using var env = new EnvironmentScope();
        var log = new RecordingLog();
        var texts = new List<string>();
        foreach (var options in new[]
        {
            new ScanClientOptions { Region = "us-east-1", SecretKey = SdkTestSupport.SecretKey, Log = log },
            new ScanClientOptions { Region = "Not A Region", AccessKey = "a", SecretKey = SdkTestSupport.SecretKey, Log = log },
            new ScanClientOptions { Region = "us-east-1", AccessKey = "a", SecretKey = SdkTestSupport.SecretKey, MaxAttempts = 0, Log = log },
            new ScanClientOptions { Region = "us-east-1", AccessKey = "a", SecretKey = SdkTestSupport.SecretKey, RetryMode = "sometimes", Log = log },
            new ScanClientOptions { Region = "us-east-1", AccessKey = "a", SecretKey = SdkTestSupport.SecretKey, EndpointUrl = "ftp://x", Log = log },
        })
        {
            var error = Assert.Throws<ScanConfigurationException>(() => Resolve(options));
            texts.Add(error.ToString());
        }
        var ok = Resolve(new ScanClientOptions { Region = "us-east-1", AccessKey = SdkTestSupport.AccessKey, SecretKey = SdkTestSupport.SecretKey, SessionToken = SdkTestSupport.SessionToken, Log = log });
        texts.Add(ok.ToString());
        texts.AddRange(log.Lines);
        Assert.Contains(log.Lines, l => l.Contains("region us-east-1") && l.Contains("explicit keys"));
        Assert.All(texts, t => Assert.DoesNotContain(SdkTestSupport.SecretKey, t));
        Assert.All(texts, t => Assert.DoesNotContain(SdkTestSupport.SessionToken, t));
    }
}
