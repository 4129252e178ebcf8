using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// Chooses the auth scheme per request: SigV4 for every Image Builder operation (the model's
/// <c>auth</c> is <c>aws.auth#sigv4</c>). v4 has no CreateSigner: without this handler nothing is signed.
/// </summary>
internal sealed class ImageBuilderAuthResolver : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
        => AuthSchemeOption.DEFAULT_SIGV4;
}
