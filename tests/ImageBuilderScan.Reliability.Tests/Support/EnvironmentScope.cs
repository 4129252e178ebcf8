namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>
/// Sets process environment variables for one test and restores them after. Clears the AWS_* variables that
/// would change a client's retries, endpoint or credentials, so each test sees only what it sets.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    private static readonly string[] Isolated =
    [
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IMAGEBUILDER", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_EC2_METADATA_DISABLED",
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_DEFAULTS_MODE",
    ];

    private readonly Dictionary<string, string?> _saved = new();

    public EnvironmentScope()
    {
        foreach (var name in Isolated) Set(name, null);
        Set("AWS_EC2_METADATA_DISABLED", "true");
    }

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_saved.ContainsKey(name)) _saved[name] = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
    }
}

/// <summary>Tests that set process-wide environment variables run one at a time, and never beside another such class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "ReliabilityEnvironment";
}
