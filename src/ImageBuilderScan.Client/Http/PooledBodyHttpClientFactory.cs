using Amazon.Runtime;

namespace ImageBuilderScan.Client.Http;

/// <summary>
/// Gives the SDK an HttpClient whose handler reads each response body completely, asynchronously
/// and under the request's cancellation token and timeout, before the SDK's (synchronous)
/// unmarshaller sees it. So a body that stalls is cancelled or timed out like the headers, and a
/// body cut short fails as a network error inside the HTTP call. The socket handler is shared by
/// every client in the process (connections are reused between commands); the timeout is per client.
/// </summary>
internal sealed class PooledBodyHttpClientFactory : HttpClientFactory
{
    private static readonly HttpMessageHandler SharedHandler = new PooledBodyHandler(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        AllowAutoRedirect = false,
    });

    private readonly HttpClient _client;

    public PooledBodyHttpClientFactory(TimeSpan? requestTimeout)
    {
        _client = new HttpClient(SharedHandler, disposeHandler: false)
        {
            Timeout = requestTimeout ?? TimeSpan.FromSeconds(100),
        };
    }

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => _client;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;

    public void DisposeClient() => _client.Dispose();
}
