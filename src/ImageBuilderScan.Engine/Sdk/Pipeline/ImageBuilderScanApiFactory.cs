using Amazon;
using Amazon.Runtime;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Diagnostics;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>Builds the AWSSDK.Core-based client from options, resolving region, credentials and endpoint per call.</summary>
internal static class ImageBuilderScanApiFactory
{
    public static IImageBuilderScanApi Create(ScanClientOptions options, out ScanConnectionInfo connection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScanTrace.Mark("client: creating (engine and AWSSDK.Core loaded)");
        SdkDependencies.EnsureRegistered();
        ScanTrace.Mark("client: STS/SSO clients registered with Core");

        var endpointUrl = ConnectionSettings.Endpoint(options);
        var maxAttempts = ConnectionSettings.MaxAttempts(options);
        var httpFactory = new PooledBodyHttpClientFactory(options.RequestTimeout);
        var config = new ImageBuilderSdkConfig
        {
            RetryMode = ConnectionSettings.RetryMode(options),
            MaxErrorRetry = maxAttempts - 1,
            UseFIPSEndpoint = ConnectionSettings.UseFips(options),
            UseDualstackEndpoint = ConnectionSettings.UseDualStack(options),
            // The endpoint was resolved above from the options and AWS_ENDPOINT_URL*; Core must not redo it.
            IgnoreConfiguredEndpointUrls = true,
            // A CI gate fails rather than waits: no client-side retry quota shared across clients.
            ThrottleRetries = false,
            HttpClientFactory = httpFactory,
            Log = options.Log,
        };
        ScanTrace.Mark("client: SDK config built (HttpClient created)");
        if (options.RequestTimeout is TimeSpan timeout)
        {
            if (timeout <= TimeSpan.Zero)
                throw new ScanConfigurationException("InvalidRequestTimeout", $"RequestTimeout must be positive (was {timeout}).");
            config.Timeout = timeout;
        }

        var credentials = CredentialResolver.Resolve(options, config);
        ScanTrace.Mark($"client: credentials resolved ({credentials.Source})");
        var region = ConnectionSettings.Region(options, credentials.ProfileRegion)
            ?? throw new ScanConfigurationException("NoRegion",
                "No region is set: none was given, AWS_REGION and AWS_DEFAULT_REGION are unset, and the AWS profile names none.");

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

        string endpoint;
        try
        {
            endpoint = config.EndpointProvider.ResolveEndpoint(ImageBuilderEndpointResolver.MapParameters(config)).URL;
        }
        catch (AmazonClientException e)
        {
            throw new ScanConfigurationException("InvalidEndpointConfiguration", $"No endpoint for region '{region}' with these settings: {e.Message}");
        }

        ScanTrace.Mark("client: endpoint rules evaluated");
        connection = new ScanConnectionInfo(region, endpoint, credentials.Source, maxAttempts);
        options.Log?.Verbose($"Image Builder: region {region}, endpoint {endpoint}, credentials from {credentials.Source}, up to {maxAttempts} attempt(s) per request ({config.RetryMode} retries).");
        var client = new ImageBuilderSdkClient(credentials.Credentials, config);
        ScanTrace.Mark("client: SDK client created");
        return new ImageBuilderScanApi(client, httpFactory);
    }
}
