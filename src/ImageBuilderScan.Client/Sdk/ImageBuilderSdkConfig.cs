using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>The client configuration for Image Builder, as the SDK's generated v4 configs declare it.</summary>
internal sealed class ImageBuilderSdkConfig : ClientConfig
{
    internal const string ServiceIdValue = "imagebuilder";
    internal const string ApiVersion = "2019-12-02";

    public ImageBuilderSdkConfig()
        : base(new DefaultConfigurationProvider(DefaultModes))
    {
        ServiceId = ServiceIdValue;
        AuthenticationServiceName = ServiceIdValue;
        EndpointProvider = new ImageBuilderEndpointProvider();
    }

    // v4 knows the standard defaults mode (and auto, which picks among the modes given here).
    private static readonly IDefaultConfiguration[] DefaultModes =
    [
        new DefaultConfiguration
        {
            Name = DefaultConfigurationMode.Standard,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = TimeSpan.FromMilliseconds(3100),
            TlsNegotiationTimeout = TimeSpan.FromMilliseconds(3100),
        },
    ];

    /// <summary>Where retries are reported (never serialized or printed with the config).</summary>
    internal IScanLog? Log { get; init; }

    public override string RegionEndpointServiceName => ServiceIdValue;

    public override string ServiceVersion => ApiVersion;

    public override string UserAgent => "ImageBuilderScan";

    // Endpoint resolution goes through ImageBuilderEndpointResolver; this is what Core asks when it
    // needs an endpoint outside a request (e.g. AWS_ENDPOINT_URL handling).
    public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters)
        => new ImageBuilderEndpointResolver().GetEndpoint(this, parameters.Request);
}
