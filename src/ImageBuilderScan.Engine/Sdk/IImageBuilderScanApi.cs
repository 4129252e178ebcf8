namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// One request, one response: the seam between the paging/validation layer and the AWSSDK.Core
/// client (tests put a fake here). Implementations throw only
/// <see cref="Errors.ImageBuilderScanException"/> subclasses (never an AWSSDK exception) and honour
/// the cancellation token during the request.
/// </summary>
internal interface IImageBuilderScanApi : IDisposable
{
    Task<TResponse> SendAsync<TResponse>(ImageBuilderRequest<TResponse> request, CancellationToken cancellationToken);

    /// <summary>The account the client's credentials belong to (STS GetCallerIdentity, in the client's region).</summary>
    Task<string> CallerAccountAsync(CancellationToken cancellationToken);
}
