using Amazon;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;
using Amazon.SSO;
using Amazon.SSOOIDC;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// Registers our own STS, SSO and SSO-OIDC clients with this Core's dependency registry. Without it
/// Core finds them by scanning every loaded assembly, and in a PowerShell session with AWS Tools
/// loaded it picked the foreign copy (assume-role and SSO profiles then failed). The registry lives
/// in our copy of Core, so nothing leaks into another module. The registry's STS factory is given a region and
/// a proxy but never the source credentials, so the anonymous client below is right for web identity and SAML
/// only; assume-role profiles use <see cref="RoleCredentials"/>, which signs AssumeRole itself.
/// </summary>
internal static class SdkDependencies
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        var registry = GlobalRuntimeDependencyRegistry.Instance;
        registry.RegisterSecurityTokenServiceClient(context =>
        {
            var data = context.SecurityTokenServiceClientContextData;
            var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = data?.Region ?? RegionEndpoint.USEast1 };
            if (data?.ProxySettings is { } proxy) config.SetWebProxy(proxy);
            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOClient(context =>
        {
            var data = context.SSOClientContextData;
            var config = new AmazonSSOConfig { RegionEndpoint = data?.Region ?? RegionEndpoint.USEast1 };
            if (data?.ProxySettings is { } proxy) config.SetWebProxy(proxy);
            return new AmazonSSOClient(new AnonymousAWSCredentials(), config);
        });
        registry.RegisterSSOOIDCClient(context =>
        {
            var data = context.SSOOIDCClientContextData;
            var config = new AmazonSSOOIDCConfig { RegionEndpoint = data?.Region ?? RegionEndpoint.USEast1 };
            if (data?.ProxySettings is { } proxy) config.SetWebProxy(proxy);
            return new AmazonSSOOIDCClient(new AnonymousAWSCredentials(), config);
        });
    }
}
