
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>Engine clients for an emulator, and the comparisons the integration tests share.</summary>
internal static class Emulated
{
    public const string Region = "us-east-1";

    /// <summary>
    /// The emulator's keys unless told otherwise, and a session token only when given (so a test can leave out one
    /// the emulator requires).
    /// </summary>
    public static ScanClientOptions Options(EmulatorServer server, int maxAttempts = 3, string? secretKey = null,
        string? sessionToken = null, string? accessKey = null) =>
        TestClientOptions.For(server, Region, maxAttempts: maxAttempts, retryMode: "standard") with
        {
            AccessKey = accessKey ?? server.Options.AccessKeyId,
            SecretKey = secretKey ?? server.Options.SecretAccessKey,
            SessionToken = sessionToken,
        };

    public static ImageBuilderScanClient Client(EmulatorServer server, int maxAttempts = 3, string? secretKey = null, string? sessionToken = null) =>
        ImageBuilderScanClient.Create(Options(server, maxAttempts, secretKey, sessionToken));

    /// <summary>The API requests the emulator logged, oldest first (control requests are never logged).</summary>
    public static IReadOnlyList<RecordedRequest> ApiRequests(EmulatorServer server) => server.Requests.Recent;

    public static (string Key, long? All, long? Critical, long? High, long? Medium) Row(ScanFindingAggregation a) =>
        (a.Key, a.All, a.Critical, a.High, a.Medium);

    public static (string Key, long? All, long? Critical, long? High, long? Medium) Row(ExpectedAggregation e) =>
        (e.Key, e.Counts.All, e.Counts.Critical, e.Counts.High, e.Counts.Medium);

    /// <summary>What identifies a finding in these data sets: its image, vulnerability and severity.</summary>
    public static (string? Image, string? Vulnerability, string? Severity, string? Account) Row(ScanFinding f) =>
        (f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, f.AccountId);

    public static (string? Image, string? Vulnerability, string? Severity, string? Account) Row(EmulatedFinding f) =>
        (f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, f.AccountId);

    /// <summary>Values of a filter kind present in the data set, in key order.</summary>
    public static string[] Keys(EmulatorServer server, string kind) => server.Data.Aggregations(kind).Select(a => a.Key).ToArray();

    /// <summary>The first <paramref name="count"/> keys of a filter's kind (none without a filter): one request's worth of values.</summary>
    public static string[] Keys(EmulatorServer server, string? filterName, int count) =>
        filterName is null ? [] : Keys(server, filterName).Take(count).ToArray();

    /// <summary>Enumerates, counting items, until the listing fails with a service error; asserts it yielded nothing.</summary>
    public static async Task<ScanServiceException> FailsBeforeAnyItem<T>(IAsyncEnumerable<T> listing)
    {
        var yielded = 0;
        var error = await Assert.ThrowsAnyAsync<ScanServiceException>(async () =>
        {
            await foreach (var _ in listing) yielded++;
        });
        Assert.Equal(0, yielded);
        return error;
    }

    /// <summary>No filter, and each aggregation filter.</summary>
    public static TheoryData<string?> AggregationFilters => new()
    {
        null, FilterNames.AccountId, FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId,
    };
}
