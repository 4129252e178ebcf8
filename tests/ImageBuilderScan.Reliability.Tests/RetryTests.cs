using System.Diagnostics;
using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Retries that help and stop: throttling backs off with jitter, transient errors are retried, the number of
/// attempts comes from MaxAttempts or AWS_MAX_ATTEMPTS, and a server that never recovers ends the run after
/// exactly that many requests.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class RetryTests(ITestOutputHelper output)
{
    private static readonly AggregationQuery Unfiltered = new();

    public static TheoryData<string> NeverRecovers => new() { "throttle", "500", "503", "drop", "truncated", "timeout" };

    private static FaultPlan Forever(string kind) => kind switch
    {
        "throttle" => new FaultPlan { Kind = FaultKind.Throttle, MaxCount = 1000 },
        "500" => new FaultPlan { Kind = FaultKind.ServiceError, MaxCount = 1000 },
        "503" => new FaultPlan { Kind = FaultKind.ServiceUnavailable, MaxCount = 1000 },
        "drop" => new FaultPlan { Kind = FaultKind.DropConnection, MaxCount = 1000 },
        "truncated" => new FaultPlan { Kind = FaultKind.TruncatedBody, MaxCount = 1000 },
        _ => new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 5000, MaxCount = 1000 },
    };

    [Theory]
    [MemberData(nameof(NeverRecovers))]
    public async Task Server_that_never_recovers_gets_exactly_MaxAttempts_requests_then_a_typed_error(string kind)
    {
        using var env = new EnvironmentScope();
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(Forever(kind));
        var log = new RecordingLog();
        using var client = ImageBuilderScanClient.Create(Emulators.Options(server, log, maxAttempts: 2, timeout: TimeSpan.FromMilliseconds(500)));

        var error = await Assert.ThrowsAnyAsync<ImageBuilderScanException>(() => client.GetAggregationsAsync(Unfiltered).ToListAsync().AsTask());

        foreach (var line in log.Lines) output.WriteLine(line);
        output.WriteLine($"{error.GetType().Name}: {error.Message}");
        Assert.Equal(2, server.Requests.Total);
        Assert.NotNull(error.Resume);
        if (kind == "timeout") Assert.True(error is ScanNetworkException { TimedOut: true }, error.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task MaxAttempts_option_sets_the_number_of_requests(int attempts)
    {
        using var env = new EnvironmentScope();
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(Forever("500"));
        using var client = Emulators.Client(server, maxAttempts: attempts);

        await Assert.ThrowsAsync<ServiceException>(() => client.GetAggregationsAsync(Unfiltered).ToListAsync().AsTask());
        Assert.Equal(attempts, server.Requests.Total);
    }

    [Theory]
    [InlineData("1", "standard")]
    [InlineData("3", "adaptive")]
    [InlineData("2", "legacy")]
    public async Task AWS_MAX_ATTEMPTS_and_AWS_RETRY_MODE_set_the_retries_when_the_option_is_not_given(string attempts, string mode)
    {
        using var env = new EnvironmentScope().Set("AWS_MAX_ATTEMPTS", attempts).Set("AWS_RETRY_MODE", mode);
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(Forever("503"));
        using var client = Emulators.Client(server, maxAttempts: null);

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.GetAggregationsAsync(Unfiltered).ToListAsync().AsTask());
        Assert.Equal(int.Parse(attempts), server.Requests.Total);
        Assert.Equal(int.Parse(attempts), client.Connection.MaxAttempts);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public void Invalid_AWS_MAX_ATTEMPTS_is_a_configuration_error(string attempts)
    {
        using var env = new EnvironmentScope().Set("AWS_MAX_ATTEMPTS", attempts);
        var error = Assert.Throws<ScanConfigurationException>(() => ImageBuilderScanClient.Create(new Client.Connection.ScanClientOptions
        {
            Region = Emulators.Region, AccessKey = "AKIAIBSCANEMULATOR00", SecretKey = "x", EndpointUrl = "http://127.0.0.1:9/",
        }));
        Assert.Contains("AWS_MAX_ATTEMPTS", error.Message);
    }

    [Fact]
    public async Task Transient_errors_are_retried_and_the_listing_completes()
    {
        using var env = new EnvironmentScope();
        await using var server = await Emulators.StartAsync();
        server.Faults.Set(
            new FaultPlan { Kind = FaultKind.ServiceError, OnRequest = 1 },
            new FaultPlan { Kind = FaultKind.ServiceUnavailable, OnRequest = 3 },
            new FaultPlan { Kind = FaultKind.DropConnection, OnRequest = 5 });
        var log = new RecordingLog();
        using var client = Emulators.Client(server, log, maxAttempts: 2);

        var outcome = await ExactlyOnce.RunAsync(server, Workload.Aggregations, client);

        Assert.Empty(outcome.Errors);
        Assert.Equal(Workload.Aggregations.Expected(server.Data), outcome.Emitted);
        Assert.Equal(3, log.Lines.Count(l => l.Contains("Retrying")));
    }

    [Fact]
    public async Task Throttling_backs_off_with_jittered_gaps()
    {
        using var env = new EnvironmentScope();
        await using var server = await Emulators.StartAsync();
        // Two runs of 3 throttles then success: 6 gaps between attempts.
        var gaps = new List<double>();
        for (var run = 0; run < 2; run++)
        {
            server.Reset();
            server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, MaxCount = 3 });
            using var client = Emulators.Client(server, maxAttempts: 4);
            await client.GetAggregationsAsync(Unfiltered).ToListAsync();
            var times = server.Requests.Recent.Select(r => r.ReceivedAt).ToArray();
            Assert.Equal(4, times.Length);
            gaps.AddRange(times.Zip(times.Skip(1), (a, b) => (b - a).TotalMilliseconds));
        }
        output.WriteLine("gaps (ms): " + string.Join(", ", gaps.Select(g => g.ToString("F0"))));
        // Loose on purpose (noisy machine): the client waited between throttled attempts, and not by a fixed amount.
        Assert.True(gaps.Sum() >= 100, "throttled attempts were sent back to back");
        Assert.True(gaps.Max() - gaps.Min() >= 5, "every gap was the same: no jitter");
    }

    [Fact]
    public async Task Per_request_timeout_is_configurable()
    {
        using var env = new EnvironmentScope();
        await using var server = await Emulators.StartAsync();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 1500, MaxCount = 1 });
        using (var patient = Emulators.Client(server, maxAttempts: 1, timeout: TimeSpan.FromSeconds(20)))
            Assert.NotEmpty(await patient.GetAggregationsAsync(Unfiltered).ToListAsync());
        Assert.Equal(1, server.Requests.Total);

        server.Reset();
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 5000, MaxCount = 1 });
        using var impatient = Emulators.Client(server, maxAttempts: 1, timeout: TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<ScanNetworkException>(() => impatient.GetAggregationsAsync(Unfiltered).ToListAsync().AsTask());
        Assert.True(error.TimedOut);
        Assert.Equal("RequestTimeout", error.ErrorId);
        Assert.Null(error.Resume!.NextToken);
        Assert.Equal(1, server.Requests.Total);
    }
}
