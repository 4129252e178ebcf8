using ImageBuilderScan.Emulator;
using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// The one way the test suites build <see cref="ScanClientOptions"/> for a local server: everything explicit
/// (region, keys, endpoint, retries, timeout), so tests that change the process environment in parallel cannot
/// change what these clients do. A test that needs one thing different says so with <c>with { ... }</c>.
/// Linked into each test project that creates engine clients.
/// </summary>
public static class TestClientOptions
{
    /// <summary>Options for any local endpoint (a stub server, a closed port) with the credentials given.</summary>
    public static ScanClientOptions For(Uri endpoint, string accessKey, string secretKey, string region,
        string? sessionToken = null, IScanLog? log = null, int? maxAttempts = null, TimeSpan? timeout = null,
        string? retryMode = null) => new()
    {
        Region = region,
        AccessKey = accessKey,
        SecretKey = secretKey,
        SessionToken = sessionToken,
        EndpointUrl = endpoint.ToString(),
        MaxAttempts = maxAttempts,
        RetryMode = retryMode,
        RequestTimeout = timeout,
        Log = log,
    };

    /// <summary>Options for an in-process emulator, with the access key, secret key and session token it accepts.</summary>
    public static ScanClientOptions For(EmulatorServer server, string region, IScanLog? log = null, int? maxAttempts = null,
        TimeSpan? timeout = null, string? retryMode = null) =>
        For(server.BaseAddress, server.Options.AccessKeyId, server.Options.SecretAccessKey, region,
            server.Options.SessionToken, log, maxAttempts, timeout, retryMode);
}
