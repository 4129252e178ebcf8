using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// The non-credential settings of a client, each from the options first, then the standard
/// <c>AWS_*</c> variable, read at the moment a client is created (never cached for the process).
/// </summary>
internal static partial class ConnectionSettings
{
    public const int DefaultMaxAttempts = 3;

    public static string? Region(ScanClientOptions options, string? profileRegion) => Region(options, profileRegion, out _);

    /// <summary>The region and where it came from: <c>option</c>, <c>$StoredAWSRegion</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, <c>profile</c>, <c>instance</c>.</summary>
    public static string? Region(ScanClientOptions options, string? profileRegion, out string source)
    {
        string? region;
        if ((region = Clean(options.Region)) is not null) source = RegionSources.Option;
        else if ((region = Clean(options.DefaultRegion)) is not null) source = RegionSources.SessionDefault;
        else if ((region = Env("AWS_REGION")) is not null) source = "AWS_REGION";
        else if ((region = Env("AWS_DEFAULT_REGION")) is not null) source = "AWS_DEFAULT_REGION";
        else if ((region = profileRegion) is not null) source = "the AWS profile";
        else { region = FallbackRegion(); source = "the instance or environment"; }
        if (region is not null && !RegionPattern().IsMatch(region))
            throw new ScanConfigurationException("InvalidRegion", $"The region '{region}' is not a region name (expected e.g. us-east-1).");
        return region;
    }

    /// <summary>
    /// The endpoint, in the AWS SDKs' and CLI's order: the option (always honoured), then
    /// <c>AWS_ENDPOINT_URL_IMAGEBUILDER</c>, <c>AWS_ENDPOINT_URL</c>, the profile's services section
    /// (<c>imagebuilder = endpoint_url = ...</c>), the profile's <c>endpoint_url</c>; everything but the option
    /// is skipped when <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> (or, when that is unset, the profile's
    /// <c>ignore_configured_endpoint_urls</c>) is true. The profile is the option's, else <c>AWS_PROFILE</c>, else default.
    /// </summary>
    public static Uri? Endpoint(ScanClientOptions options)
    {
        var text = Clean(options.EndpointUrl);
        if (text is null)
        {
            var profile = ConfiguredEndpoint.Read(Clean(options.ProfileName) ?? Env("AWS_PROFILE") ?? "default");
            var ignoreEnv = Env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
            var ignore = ignoreEnv is not null ? string.Equals(ignoreEnv, "true", StringComparison.OrdinalIgnoreCase)
                : profile.IgnoreConfiguredEndpointUrls == true;
            if (ignore) return null;
            if ((text = Env("AWS_ENDPOINT_URL_IMAGEBUILDER")) is not null) options.Log?.Verbose("Endpoint from AWS_ENDPOINT_URL_IMAGEBUILDER.");
            else if ((text = Env("AWS_ENDPOINT_URL")) is not null) options.Log?.Verbose("Endpoint from AWS_ENDPOINT_URL.");
            else if ((text = Clean(profile.Url)) is not null) options.Log?.Verbose($"Endpoint from {profile.Source}.");
        }

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
