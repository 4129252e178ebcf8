using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// The one way the engine makes an STS client that signs (assuming a role, asking whose credentials these are;
/// the anonymous one registered in SdkDependencies only answers AWSSDK.Core's own lookup):
/// signed with the given credentials for the given region, at the endpoint the standard settings
/// name (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, a profile's services section) or else the regional one.
/// </summary>
internal static class StsClients
{
    /// <param name="like">The Image Builder client's settings whose timeout, retry mode and attempts STS follows (-TimeoutSec, -MaxAttempts), if any.</param>
    public static AmazonSecurityTokenServiceClient Create(AWSCredentials credentials, RegionEndpoint region, IWebProxy? proxy = null, IClientConfig? like = null)
    {
        // A configured endpoint (AWS_ENDPOINT_URL_STS...) would otherwise be signed for a region guessed from its host name.
        var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = region, AuthenticationRegion = region.SystemName };
        if (proxy is not null) config.SetWebProxy(proxy);
        if (like is not null)
        {
            config.RetryMode = like.RetryMode;
            config.MaxErrorRetry = like.MaxErrorRetry;
            if (like.Timeout is TimeSpan timeout) config.Timeout = timeout;
        }
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    /// <summary>The account <paramref name="credentials"/> belong to (STS GetCallerIdentity: allowed to every caller).</summary>
    /// <exception cref="Errors.ImageBuilderScanException">STS could not be reached or refused the credentials.</exception>
    public static async Task<string> CallerAccountAsync(AWSCredentials credentials, RegionEndpoint region, IClientConfig like, CancellationToken cancellationToken)
    {
        using var sts = Create(credentials, region, like.GetWebProxy(), like);
        try
        {
            var identity = await sts.GetCallerIdentityAsync(new Amazon.SecurityToken.Model.GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            return identity.Account is { Length: 12 } account && account.All(char.IsAsciiDigit)
                ? account
                : throw new Errors.ScanProtocolException("InvalidCallerIdentity",
                    $"STS GetCallerIdentity answered an account that is not 12 digits ({Text.InputDisplay.Show(identity.Account)}).", identity.ResponseMetadata?.RequestId);
        }
        catch (Exception e) when (e is not Errors.ImageBuilderScanException)
        {
            throw ErrorTranslator.Translate(e, cancellationToken);
        }
    }
}
