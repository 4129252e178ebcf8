using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// The AWSSDK.Core service client for Image Builder's operations, shaped like the SDK's
/// generated v4 clients: the rule-set endpoint resolver and the SigV4 auth scheme handler go in
/// after the Marshaller, and a retry logger sits inside the retry handler so it sees every attempt.
/// </summary>
internal sealed class ImageBuilderSdkClient : AmazonServiceClient
{
    private static readonly IServiceMetadata Metadata = new ImageBuilderServiceMetadata();
    public ImageBuilderSdkClient(AWSCredentials credentials, ImageBuilderSdkConfig config)
        : base(credentials, config)
    {
    }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        // Handlers for features this client never uses (request events, compression, endpoint
        // discovery, flexible checksums, metrics): each is one more async frame on every request.
        RemoveAll<CallbackHandler>(pipeline);
        RemoveAll<ErrorCallbackHandler>(pipeline);
        RemoveAll<CompressionHandler>(pipeline);
        RemoveAll<EndpointDiscoveryHandler>(pipeline);
        RemoveAll<ChecksumHandler>(pipeline);
        RemoveAll<MetricsHandler>(pipeline);
        pipeline.AddHandlerAfter<Marshaller>(new ImageBuilderEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new ImageBuilderAuthResolver());
        // Called from the base constructor, before this class's fields are set: the log travels in the config.
        pipeline.AddHandlerAfter<RetryHandler>(new RetryLogHandler(((ImageBuilderSdkConfig)Config).Log, Config.MaxErrorRetry + 1));
    }

    private static void RemoveAll<T>(RuntimePipeline pipeline) where T : IPipelineHandler
    {
        while (pipeline.EnumerateHandlers().Any(h => h is T)) pipeline.RemoveHandler<T>();
    }

    /// <summary>Sends any operation's request through the pipeline and returns its parsed response.</summary>
    public async Task<TResponse> InvokeAsync<TResponse>(ImageBuilderRequest<TResponse> request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = ImageBuilderRequestMarshaller.Instance,
            ResponseUnmarshaller = Unmarshallers<TResponse>.For(request.Reader),
        };
        var response = await InvokeAsync<ImageBuilderResponse<TResponse>>(request, options, cancellationToken).ConfigureAwait(false);
        return response.Value;
    }

    // One unmarshaller per reader (readers are singletons), built on first use.
    private static class Unmarshallers<TResponse>
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ResponseReader<TResponse>, ImageBuilderResponseUnmarshaller<TResponse>> Cache = new();

        public static ImageBuilderResponseUnmarshaller<TResponse> For(ResponseReader<TResponse> reader)
            => Cache.GetValue(reader, r => new ImageBuilderResponseUnmarshaller<TResponse>(r));
    }

    /// <summary>The handlers in order, outermost first (for tests).</summary>
    internal IEnumerable<string> PipelineHandlerNames() => RuntimePipeline.EnumerateHandlers().Select(h => h.GetType().Name);
}
