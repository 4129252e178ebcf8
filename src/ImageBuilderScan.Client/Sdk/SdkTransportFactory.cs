using Amazon;
using Amazon.Runtime;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>Builds the AWSSDK.Core-based client from options, resolving region, credentials and endpoint per call.</summary>
internal static class SdkTransportFactory
{
    public static IImageBuilderTransport? Create(ScanClientOptions options, out ScanConnectionInfo connection)
        => Create(options, out connection, out _);

    /// <summary>
    /// The client for the resolved region, plus <paramref name="forRegion"/>: a client for another region with
    /// the same credentials, endpoint and retry settings (a query whose ARNs name their own region).
    /// With no region configured anywhere the first is null: only a query whose ARNs name a region can be
    /// sent (<see cref="NoRegion"/> for any other), as an ARN says where its image lives.
    /// </summary>
    public static IImageBuilderTransport? Create(ScanClientOptions options, out ScanConnectionInfo connection, out Func<string, IImageBuilderTransport> forRegion)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScanTrace.Mark("client: creating (engine and AWSSDK.Core loaded)");
        SdkDependencies.EnsureRegistered();
        ScanTrace.Mark("client: STS/SSO clients registered with Core");

        var endpointUrl = ConnectionSettings.Endpoint(options);
        var maxAttempts = ConnectionSettings.MaxAttempts(options);
        if (options.RequestTimeout is TimeSpan timeout && timeout <= TimeSpan.Zero)
            throw new ScanConfigurationException("InvalidRequestTimeout", $"RequestTimeout must be positive (was {timeout}).");
        var retryMode = ConnectionSettings.RetryMode(options);
        var fips = ConnectionSettings.UseFips(options);
        var dualStack = ConnectionSettings.UseDualStack(options);

        var firstConfig = NewConfig(options, retryMode, maxAttempts, fips, dualStack);
        var credentials = CredentialResolver.Resolve(options, firstConfig.Config);
        ScanTrace.Mark($"client: credentials resolved ({credentials.Source})");
        var region = ConnectionSettings.Region(options, credentials.ProfileRegion, out var regionSource);
        string? endpoint = null;
        var api = region is null ? null : Build(firstConfig, region, endpointUrl, credentials, out endpoint);
        connection = new ScanConnectionInfo(region, endpoint, credentials.Source, maxAttempts)
        {
            RegionSource = region is null ? RegionSources.None : regionSource,
            // A member account's role names its account; other credentials leave it to the data.
            AccountId = options.RoleArn?.Split(':') is { Length: > 4 } role ? role[4] : null,
        };
        options.Log?.Verbose((region is null
            ? "Image Builder: no region is set (none given, AWS_REGION and AWS_DEFAULT_REGION unset, none in the AWS profile): a query by ARN goes to the ARN's region, any other is refused"
            : $"Image Builder: region {region}, endpoint {endpoint}") +
            $", credentials from {credentials.Source}, up to {maxAttempts} attempt(s) per request ({retryMode} retries).");
        forRegion = other =>
        {
            var regional = Build(NewConfig(options, retryMode, maxAttempts, fips, dualStack), other, endpointUrl, credentials, out var otherEndpoint);
            options.Log?.Verbose($"Image Builder: region {other}, endpoint {otherEndpoint}.");
            return regional;
        };
        return api;
    }

    /// <summary>The refusal of a query that names no region of its own when none is configured; nothing is sent.</summary>
    public static ScanConfigurationException NoRegion() => new("NoRegion",
        "No region is set: none was given, AWS_REGION and AWS_DEFAULT_REGION are unset, and the AWS profile names none. " +
        "(A query by image or pipeline ARN would use the ARN's region; this one names none.) Nothing was sent.");

    private static (ImageBuilderSdkConfig Config, PooledBodyHttpClientFactory Http) NewConfig(ScanClientOptions options,
        RequestRetryMode retryMode, int maxAttempts, bool fips, bool dualStack)
    {
        var httpFactory = new PooledBodyHttpClientFactory(options.RequestTimeout);
        var config = new ImageBuilderSdkConfig
        {
            RetryMode = retryMode,
            MaxErrorRetry = maxAttempts - 1,
            UseFIPSEndpoint = fips,
            UseDualstackEndpoint = dualStack,
            // The endpoint was resolved from the options, AWS_ENDPOINT_URL* and the profile; Core must not redo it.
            IgnoreConfiguredEndpointUrls = true,
            // A CI gate fails rather than waits: no client-side retry quota shared across clients.
            ThrottleRetries = false,
            HttpClientFactory = httpFactory,
            Log = options.Log,
        };
        ScanTrace.Mark("client: SDK config built (HttpClient created)");
        if (options.RequestTimeout is TimeSpan timeout) config.Timeout = timeout;
        return (config, httpFactory);
    }

    private static SdkTransport Build((ImageBuilderSdkConfig Config, PooledBodyHttpClientFactory Http) settings, string region,
        Uri? endpointUrl, ResolvedCredentials credentials, out string endpoint)
    {
        var config = settings.Config;
        if (endpointUrl is not null)
        {
            // ServiceURL and RegionEndpoint are exclusive; without AuthenticationRegion signing falls back to us-east-1.
            config.ServiceURL = endpointUrl.ToString();
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        try
        {
            endpoint = config.EndpointProvider.ResolveEndpoint(ImageBuilderEndpointResolver.MapParameters(config)).URL;
        }
        catch (AmazonClientException e)
        {
            throw new ScanConfigurationException("InvalidEndpointConfiguration", $"No endpoint for region '{region}' with these settings: {e.Message}");
        }

        ScanTrace.Mark("client: endpoint rules evaluated");
        var client = new ImageBuilderSdkClient(credentials.Credentials, config);
        ScanTrace.Mark("client: SDK client created");
        return new SdkTransport(client, settings.Http, endpoint, credentials.Credentials, RegionEndpoint.GetBySystemName(region));
    }
}
