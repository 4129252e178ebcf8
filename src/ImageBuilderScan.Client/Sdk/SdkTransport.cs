namespace ImageBuilderScan.Client.Sdk;

/// <summary>The <see cref="IImageBuilderTransport"/> over the AWSSDK.Core client: any operation, engine errors only.</summary>
/// <remarks><c>endpoint</c> is the resolved endpoint, named in network error messages; <c>credentials</c> and
/// <c>region</c> are the client's, for asking STS whose they are.</remarks>
internal sealed class SdkTransport(ImageBuilderSdkClient client, PooledBodyHttpClientFactory httpFactory, string endpoint,
    Amazon.Runtime.AWSCredentials credentials, Amazon.RegionEndpoint region) : IImageBuilderTransport
{
    internal ImageBuilderSdkClient Client => client;

    public async Task<TResponse> SendAsync<TResponse>(ImageBuilderRequest<TResponse> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await client.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not Errors.ImageBuilderScanException)
        {
            // What did not reach RetryLogHandler's last attempt (a failure the SDK does not retry, one before sending):
            // translated here, the one other place; the last attempt's failure arrives translated.
            throw ErrorTranslator.Translate(e, cancellationToken, endpoint);
        }
    }

    public Task<string> CallerAccountAsync(CancellationToken cancellationToken) =>
        StsClients.CallerAccountAsync(credentials, region, client.Config, cancellationToken);

    public void Dispose()
    {
        client.Dispose();
        httpFactory.DisposeClient();
    }
}
