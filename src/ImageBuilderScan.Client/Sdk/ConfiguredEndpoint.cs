namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// The endpoint a shared config file configures for Image Builder, as the AWS SDKs and CLI read it:
/// the profile's <c>services</c> section's <c>imagebuilder</c> block (<c>endpoint_url</c>), else the
/// profile's own <c>endpoint_url</c>; none when the profile sets <c>ignore_configured_endpoint_urls = true</c>.
/// </summary>
/// <remarks>
/// Read fresh per client from <c>AWS_CONFIG_FILE</c> or <c>~/.aws/config</c>; a file that cannot be read
/// configures nothing. The <c>[services NAME]</c> section is not exposed by AWSSDK.Core's profile API,
/// hence this small reader of the one format.
/// <code>
/// [profile dev]
/// services = local
/// endpoint_url = https://all-services.example
/// [services local]
/// imagebuilder =
///   endpoint_url = http://127.0.0.1:5099
/// </code>
/// </remarks>
internal static class ConfiguredEndpoint
{
    public const string ServiceKey = "imagebuilder";

    /// <summary>What the config file says for <paramref name="profile"/>, or <see cref="ProfileEndpoint.None"/>.</summary>
    public static ProfileEndpoint Read(string profile, string? configFile = null)
    {
        configFile ??= DefaultConfigFile();
        if (configFile is null) return ProfileEndpoint.None;
        Dictionary<string, Section> sections;
        try
        {
            if (!File.Exists(configFile)) return ProfileEndpoint.None;
            sections = Parse(File.ReadAllLines(configFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ProfileEndpoint.None;
        }

        // [default] or [profile default] for the default profile; [profile NAME] for the others.
        var name = profile == "default" && !sections.ContainsKey("profile default") ? "default" : "profile " + profile;
        if (!sections.TryGetValue(name, out var section)) return ProfileEndpoint.None;
        bool? ignore = section.Get("ignore_configured_endpoint_urls") is { } flag ? IsTrue(flag) : null;
        if (section.Get("services") is { } services && sections.TryGetValue("services " + services, out var block)
            && block.Nested(ServiceKey, "endpoint_url") is { } serviceUrl)
            return new ProfileEndpoint(serviceUrl, $"the services section '{services}' of profile '{profile}' in {configFile}", ignore);
        if (section.Get("endpoint_url") is { } url) return new ProfileEndpoint(url, $"profile '{profile}' in {configFile}", ignore);
        return new ProfileEndpoint(null, null, ignore);
    }

    private static string? DefaultConfigFile()
    {
        var env = Environment.GetEnvironmentVariable("AWS_CONFIG_FILE");
        if (!string.IsNullOrWhiteSpace(env)) return env.Trim();
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".aws", "config");
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private sealed class Section
    {
        public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, Dictionary<string, string>> Blocks { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? Get(string key) => Values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        public string? Nested(string block, string key) =>
            Blocks.TryGetValue(block, out var b) && b.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
    }

    // INI as the CLI reads it: [section], key = value, '#'/';' comments, and an indented line after
    // "key =" (empty value) belongs to that key's nested block.
    private static Dictionary<string, Section> Parse(string[] lines)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        Dictionary<string, string>? block = null;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';') continue;
            if (trimmed[0] == '[' && trimmed.EndsWith(']'))
            {
                var name = string.Join(' ', trimmed[1..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = new Section();
                block = null;
                continue;
            }

            var equals = trimmed.IndexOf('=');
            if (current is null || equals <= 0) continue;
            var key = trimmed[..equals].Trim();
            var value = trimmed[(equals + 1)..].Trim();
            var indented = line.Length > trimmed.Length;
            if (indented && block is not null) { block[key] = value; continue; }
            if (value.Length == 0)
            {
                block = current.Blocks[key] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }

            block = null;
            current.Values[key] = value;
        }

        return sections;
    }
}

/// <summary>A profile's endpoint settings: the URL and where it was read, and its <c>ignore_configured_endpoint_urls</c> (null when unset).</summary>
internal sealed record ProfileEndpoint(string? Url, string? Source, bool? IgnoreConfiguredEndpointUrls)
{
    public static ProfileEndpoint None { get; } = new(null, null, null);
}
