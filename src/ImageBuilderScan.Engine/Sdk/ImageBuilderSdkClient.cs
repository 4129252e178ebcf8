using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// The AWSSDK.Core service client for the two Image Builder operations, shaped like the SDK's
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
        pipeline.AddHandlerAfter<Marshaller>(new ImageBuilderEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new ImageBuilderAuthResolver());
        // Called from the base constructor, before this class's fields are set: the log travels in the config.
        pipeline.AddHandlerAfter<RetryHandler>(new RetryLogHandler(((ImageBuilderSdkConfig)Config).Log, Config.MaxErrorRetry + 1));
    }

    public Task<AggregationsSdkResponse> ListImageScanFindingAggregationsAsync(AggregationsSdkRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = AggregationsRequestMarshaller.Instance,
            ResponseUnmarshaller = AggregationsResponseUnmarshaller.Instance,
        };
        return InvokeAsync<AggregationsSdkResponse>(request, options, cancellationToken);
    }

    public Task<FindingsSdkResponse> ListImageScanFindingsAsync(FindingsSdkRequest request, CancellationToken cancellationToken)
    {
        var options = new InvokeOptions
        {
            RequestMarshaller = FindingsRequestMarshaller.Instance,
            ResponseUnmarshaller = FindingsResponseUnmarshaller.Instance,
        };
        return InvokeAsync<FindingsSdkResponse>(request, options, cancellationToken);
    }

    /// <summary>The handlers in order, outermost first (for tests).</summary>
    internal IEnumerable<string> PipelineHandlerNames() => RuntimePipeline.EnumerateHandlers().Select(h => h.GetType().Name);
}
