using ImageBuilderScan.Engine.Errors;
using ImageBuilderScan.Engine.Model;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>The <see cref="IImageBuilderScanApi"/> over the AWSSDK.Core client: one request, one page, engine errors only.</summary>
internal sealed class ImageBuilderScanApi(ImageBuilderSdkClient client, PooledBodyHttpClientFactory httpFactory) : IImageBuilderScanApi
{
    internal ImageBuilderSdkClient Client => client;

    public async Task<ScanPage<ScanFindingAggregation>> ListImageScanFindingAggregationsAsync(AggregationsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AggregationsSdkResponse response;
        try
        {
            response = await client.ListImageScanFindingAggregationsAsync(new AggregationsSdkRequest(request), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ImageBuilderScanException)
        {
            throw ErrorTranslator.Translate(e, cancellationToken);
        }
        return new ScanPage<ScanFindingAggregation>(response.Items, response.RequestId, response.AggregationType,
            response.NextToken, request.NextToken, request.FilterName, request.FilterValues);
    }

    public async Task<ScanPage<ScanFinding>> ListImageScanFindingsAsync(FindingsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FindingsSdkResponse response;
        try
        {
            response = await client.ListImageScanFindingsAsync(new FindingsSdkRequest(request), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ImageBuilderScanException)
        {
            throw ErrorTranslator.Translate(e, cancellationToken);
        }
        return new ScanPage<ScanFinding>(response.Items, response.RequestId, null, response.NextToken, request.NextToken,
            request.FilterName, request.FilterValue is null ? [] : [request.FilterValue]);
    }

    public void Dispose()
    {
        client.Dispose();
        httpFactory.DisposeClient();
    }
}
