namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// Sets process environment variables for one test and restores them after. Clears every AWS_*
/// variable that could leak in from the machine, points the shared files at nothing, and disables
/// instance metadata, so each test sees only what it sets. Linked into each test project that
/// changes the environment; use it only in a collection with parallelization disabled.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Isolated =
    [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IMAGEBUILDER", "AWS_ENDPOINT_URL_STS", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_USE_FIPS_ENDPOINT",
        "AWS_USE_DUALSTACK_ENDPOINT", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_DEFAULTS_MODE",
    ];

    private readonly Dictionary<string, string?> _saved = new();

    public EnvironmentScope()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ibscan-sdk-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var name in Isolated) Set(name, null);
        Set("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(Directory, "credentials"));
        Set("AWS_CONFIG_FILE", Path.Combine(Directory, "config"));
        Set("AWS_EC2_METADATA_DISABLED", "true");
    }

    /// <summary>A fresh temp folder for this test's files.</summary>
    public string Directory { get; }

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
