
namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>Starting the in-process emulator and clients aimed at it, with the credentials it accepts.</summary>
internal static class Emulators
{
    /// <summary>The generated data set's region: its ARNs are in us-east-1, and the client refuses to ask for an ARN
    /// in a region other than its own given one (it would return nothing from the real service).</summary>
    public const string Region = "us-east-1";

    /// <summary>
    /// Small pages so every run has a first, a middle and a last page: 18 image build versions, 108 findings.
    /// </summary>
    public static Task<EmulatorServer> StartAsync(string? sessionToken = null) =>
        EmulatorServer.StartAsync(new EmulatorOptions { AggregationPageSize = 3, SessionToken = sessionToken });

    public static ScanClientOptions Options(EmulatorServer server, IScanLog? log = null, int? maxAttempts = 3,
        TimeSpan? timeout = null, string? sessionToken = null, string? secretKey = null) =>
        // Generous by default: the machine is noisy; tests about timeouts set their own.
        TestClientOptions.For(server, Region, log, maxAttempts, timeout ?? TimeSpan.FromSeconds(20)) with
        {
            SecretKey = secretKey ?? server.Options.SecretAccessKey,
            SessionToken = sessionToken ?? server.Options.SessionToken,
        };

    /// <param name="concurrency">Request chains of one listing at once (<see cref="ScanClientOptions.Concurrency"/>).</param>
    public static ImageBuilderScanClient Client(EmulatorServer server, IScanLog? log = null, int? maxAttempts = 3,
        TimeSpan? timeout = null, int concurrency = 1) => ImageBuilderScanClient.Create(Options(server, log, maxAttempts, timeout) with { Concurrency = concurrency });

    /// <summary>The nextToken the most recent API request carried (null for a first page).</summary>
    public static string? LastRequestToken(EmulatorServer server)
    {
        var last = server.Requests.Recent[^1];
        using var body = JsonDocument.Parse(last.Body.Length == 0 ? "{}" : last.Body);
        return body.RootElement.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
    }
}
