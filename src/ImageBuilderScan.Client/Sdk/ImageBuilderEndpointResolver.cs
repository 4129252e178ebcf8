using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// The pipeline handler that maps the client config to the rule set's parameters before signing.
/// With a custom endpoint (<c>ServiceURL</c>) the signing region is <c>AuthenticationRegion</c>.
/// </summary>
internal sealed class ImageBuilderEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        => MapParameters((ImageBuilderSdkConfig)requestContext.ClientConfig);

    internal static ImageBuilderEndpointParameters MapParameters(IClientConfig config) => new()
    {
        Region = config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion,
        UseDualStack = config.UseDualstackEndpoint,
        UseFIPS = config.UseFIPSEndpoint,
        Endpoint = config.ServiceURL,
    };

    internal Endpoint GetEndpoint(IClientConfig config, AmazonWebServiceRequest? _)
        => config.EndpointProvider.ResolveEndpoint(MapParameters(config));
}
