namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// One request, one response: the seam between the paging/validation layer and the AWSSDK.Core
/// client (tests put a fake here), plus the one STS question a fan-out profile needs. Implementations
/// throw only <see cref="Errors.ImageBuilderScanException"/> subclasses (never an AWSSDK exception) and
/// honour the cancellation token during the request; a fake that serves no STS says so with NotSupportedException.
/// </summary>
internal interface IImageBuilderTransport : IDisposable
{
    Task<TResponse> SendAsync<TResponse>(ImageBuilderRequest<TResponse> request, CancellationToken cancellationToken);

    /// <summary>The account the client's credentials belong to (STS GetCallerIdentity, in the client's region).</summary>
    Task<string> CallerAccountAsync(CancellationToken cancellationToken);
}
