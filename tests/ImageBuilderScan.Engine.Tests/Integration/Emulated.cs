using ImageBuilderScan.Emulator;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Model;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>Engine clients for an emulator, and the comparisons the integration tests share.</summary>
internal static class Emulated
{
    public const string Region = "us-east-1";

    /// <summary>
    /// Everything set explicitly (region, keys, endpoint, retries), so tests that change the process environment
    /// in parallel cannot change what these clients do.
    /// </summary>
    public static ScanClientOptions Options(EmulatorServer server, int maxAttempts = 3, string? secretKey = null,
        string? sessionToken = null, string? accessKey = null) => new()
    {
        Region = Region,
        AccessKey = accessKey ?? server.Options.AccessKeyId,
        SecretKey = secretKey ?? server.Options.SecretAccessKey,
        SessionToken = sessionToken,
        EndpointUrl = server.BaseAddress.ToString(),
        MaxAttempts = maxAttempts,
        RetryMode = "standard",
    };

    public static ImageBuilderScanClient Client(EmulatorServer server, int maxAttempts = 3, string? secretKey = null, string? sessionToken = null) =>
        ImageBuilderScanClient.Create(Options(server, maxAttempts, secretKey, sessionToken));

    /// <summary>Reads a listing to its end (bounded by the emulator's finite data set).</summary>
    public static async Task<List<T>> Drain<T>(IAsyncEnumerable<T> items, CancellationToken ct = default)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct))
        {
            list.Add(item);
        }
        return list;
    }

    /// <summary>The API requests the emulator logged, oldest first (control requests are never logged).</summary>
    public static IReadOnlyList<RecordedRequest> ApiRequests(EmulatorServer server) => server.Requests.Recent;

    public static (string Key, long All, long Critical, long High, long Medium) Row(ScanFindingAggregation a) =>
        (a.Key, a.All, a.Critical, a.High, a.Medium);

    public static (string Key, long All, long Critical, long High, long Medium) Row(ExpectedAggregation e) =>
        (e.Key, e.Counts.All, e.Counts.Critical, e.Counts.High, e.Counts.Medium);

    /// <summary>What identifies a finding in these data sets: its image, vulnerability and severity.</summary>
    public static (string? Image, string? Vulnerability, string? Severity, string? Account) Row(ScanFinding f) =>
        (f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, f.AccountId);

    public static (string? Image, string? Vulnerability, string? Severity, string? Account) Row(EmulatedFinding f) =>
        (f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, f.AccountId);

    /// <summary>Values of a filter kind present in the data set, in key order.</summary>
    public static string[] Keys(EmulatorServer server, string kind) => server.Data.Aggregations(kind).Select(a => a.Key).ToArray();
}
