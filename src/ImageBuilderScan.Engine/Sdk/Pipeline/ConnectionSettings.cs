using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// The non-credential settings of a client, each from the options first, then the standard
/// <c>AWS_*</c> variable, read at the moment a client is created (never cached for the process).
/// </summary>
internal static partial class ConnectionSettings
{
    public const int DefaultMaxAttempts = 3;

    public static string? Region(ScanClientOptions options, string? profileRegion)
    {
        var region = Clean(options.Region) ?? Env("AWS_REGION") ?? Env("AWS_DEFAULT_REGION") ?? profileRegion ?? FallbackRegion();
        if (region is not null && !RegionPattern().IsMatch(region))
            throw new ScanConfigurationException("InvalidRegion", $"The region '{region}' is not a region name (expected e.g. us-east-1).");
        return region;
    }

    public static Uri? Endpoint(ScanClientOptions options)
    {
        var ignoreConfigured = string.Equals(Env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        var text = Clean(options.EndpointUrl)
            ?? (ignoreConfigured ? null : Env("AWS_ENDPOINT_URL_IMAGEBUILDER") ?? Env("AWS_ENDPOINT_URL"));
        if (text is null) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.UserInfo))
            throw new ScanConfigurationException("InvalidEndpoint", $"The endpoint '{Redact(text)}' is not an absolute http or https URL.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            if (!options.AllowInsecureEndpoint)
                throw new ScanConfigurationException("InsecureEndpoint",
                    $"The endpoint '{uri}' is plain HTTP and not loopback: signed requests would travel unencrypted. Use https, or allow it explicitly (AllowInsecureEndpoint).");
            options.Log?.Warning($"The endpoint '{uri}' is plain HTTP and not loopback: requests travel unencrypted.");
        }
        return uri;
    }

    public static int MaxAttempts(ScanClientOptions options)
    {
        if (options.MaxAttempts is int explicitAttempts)
            return explicitAttempts >= 1 ? explicitAttempts
                : throw new ScanConfigurationException("InvalidMaxAttempts", $"MaxAttempts must be at least 1 (was {explicitAttempts}).");
        var env = Env("AWS_MAX_ATTEMPTS");
        if (env is null) return DefaultMaxAttempts;
        return int.TryParse(env, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) && attempts >= 1 ? attempts
            : throw new ScanConfigurationException("InvalidMaxAttempts", $"AWS_MAX_ATTEMPTS must be a whole number of at least 1 (was '{env}').");
    }

    public static RequestRetryMode RetryMode(ScanClientOptions options)
    {
        var mode = Clean(options.RetryMode) ?? Env("AWS_RETRY_MODE") ?? "standard";
        return mode.ToLowerInvariant() switch
        {
            // v4 has no legacy mode; standard is its successor.
            "standard" or "legacy" => RequestRetryMode.Standard,
            "adaptive" => RequestRetryMode.Adaptive,
            _ => throw new ScanConfigurationException("InvalidRetryMode", $"The retry mode '{mode}' is not one of standard, adaptive or legacy."),
        };
    }

    public static bool UseFips(ScanClientOptions options) => options.UseFipsEndpoint || EnvTrue("AWS_USE_FIPS_ENDPOINT");

    public static bool UseDualStack(ScanClientOptions options) => options.UseDualStackEndpoint || EnvTrue("AWS_USE_DUALSTACK_ENDPOINT");

    private static string? FallbackRegion()
    {
        // FallbackRegionFactory caches for the process; reset so each client sees today's environment.
        try
        {
            FallbackRegionFactory.Reset();
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (Exception e) when (e is AmazonClientException or IOException or InvalidOperationException or HttpRequestException)
        {
            return null;
        }
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // User-info may hold a password (never show it); long values are cut.
    private static string Redact(string text)
    {
        text = SecretRedaction.Url(text);
        return text.Length > 200 ? text[..200] + "..." : text;
    }

    private static bool EnvTrue(string name) => string.Equals(Env(name), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Env(string name) => Clean(Environment.GetEnvironmentVariable(name));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z]{2,}(-[a-z0-9]+)+$")]
    private static partial Regex RegionPattern();
}
