using System.Net;
using System.Net.Sockets;
using Log = ImageBuilderScan.Tests.Shared.RecordingLog;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// What a failure says against a real HTTP server (issue 13, points 9, 11 and 13): an unreachable endpoint is
/// named and told from a connection lost mid-body, a retry after an unreadable 200 says so, each attempt and
/// page is a debug line with its timing and retry decision, and filter names are canonicalised or warned about.
/// </summary>
public sealed class HonestErrorTests
{
    private static async Task<Exception> Fails(ImageBuilderScanClient client) =>
        await Assert.ThrowsAnyAsync<ImageBuilderScanException>(() => Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery())));

    /// <summary>A client of <paramref name="server"/> whose log lines are recorded in <paramref name="log"/>.</summary>
    private static ImageBuilderScanClient Logged(EmulatorServer server, out Log log, int maxAttempts = 3)
    {
        log = new Log();
        return ImageBuilderScanClient.Create(Emulated.Options(server, maxAttempts) with { Log = log });
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_named_and_marked_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var client = ImageBuilderScanClient.Create(Emulated.Options(server, maxAttempts: 1) with { EndpointUrl = $"http://127.0.0.1:{port}" });
        var error = Assert.IsType<ScanNetworkException>(await Fails(client));
        Assert.True(error.Unreachable);
        Assert.Equal($"http://127.0.0.1:{port}/", error.Endpoint);
        Assert.StartsWith($"Could not reach the service at http://127.0.0.1:{port}/: ", error.Message);
    }

    [Fact]
    public async Task A_connection_dropped_mid_body_is_lost_not_unreachable()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        server.Faults.Add(new FaultPlan { Kind = FaultKind.DropConnection, MaxCount = 10 });
        using var client = Logged(server, out var log, maxAttempts: 2);
        var error = Assert.IsType<ScanNetworkException>(await Fails(client));
        Assert.False(error.Unreachable);
        Assert.StartsWith($"The connection to {server.BaseAddress} was lost before the response was complete", error.Message);
        Assert.Contains(log.Lines, l => l == "VERBOSE: Retrying ListImageScanFindings (attempt 2 of 2) after a lost connection (the response was cut off).");
    }

    [Fact]
    public async Task A_retry_after_an_unreadable_200_says_so_and_each_attempt_and_page_is_a_debug_line()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        server.Faults.Add(new FaultPlan { Kind = FaultKind.MalformedBody, MaxCount = 1 });
        using var client = Logged(server, out var log, maxAttempts: 2);
        var findings = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.Severity, Values = ["HIGH"] }));
        Assert.NotEmpty(findings);
        var lines = log.Lines.ToList();
        Assert.Contains("VERBOSE: Retrying ListImageScanFindings (attempt 2 of 2) after a response that could not be read (HTTP 200).", lines);
        Assert.DoesNotContain(lines, l => l.Contains("an error (HTTP 200)"));
        Assert.Contains("DEBUG: ListImageScanFindings request 1: filter severity = HIGH, token (none).", lines);
        Assert.Contains(lines, l => l.StartsWith("DEBUG: ListImageScanFindings attempt 1 of 2 failed after ") && l.EndsWith(" ms with a response that could not be read (HTTP 200); retried after a back-off."));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DEBUG: ListImageScanFindings attempt 2 of 2: HTTP 200 in \d+ ms, request id \S+\.$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DEBUG: ListImageScanFindings page 1: request id \S+, \d+ item\(s\) in \d+ ms, next token .+\.$"));
    }

    [Fact]
    public async Task A_refused_request_is_not_retried_and_its_debug_line_says_why()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var client = Logged(server, out var log, maxAttempts: 3);
        await Assert.ThrowsAsync<InvalidRequestException>(() => Listing.CollectAsync(client.GetAggregationsAsync(
            new AggregationQuery { FilterName = "foo", Values = ["bar"], ValuesParameterName = QueryValidator.EscapeHatchParameterName })));
        var lines = log.Lines.ToList();
        Assert.Contains("WARNING: 'foo' is not a filter name of ListImageScanFindingAggregations that this module knows " +
            "(accountId, imageBuildVersionArn, imagePipelineArn, vulnerabilityId); it is sent as given, and the service decides.", lines);
        Assert.Contains(lines, l => l.StartsWith("DEBUG: ListImageScanFindingAggregations attempt 1 of 3 failed after ") && l.EndsWith("not retried (the request itself was refused)."));
        Assert.Single(Emulated.ApiRequests(server));
    }

    [Fact]
    public async Task A_known_filter_name_in_any_case_is_sent_as_the_model_spells_it()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var client = Emulated.Client(server);
        var account = Emulated.Keys(server, "accountId")[0];
        var typed = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.AccountId, Values = [account] }));
        using var quiet = Logged(server, out var log);
        var byName = await Listing.CollectAsync(quiet.GetAggregationsAsync(
            new AggregationQuery { FilterName = "AccountId", Values = [account], ValuesParameterName = QueryValidator.EscapeHatchParameterName }));
        Assert.Equal(typed.Select(Emulated.Row), byName.Select(Emulated.Row));
        Assert.Contains("\"name\":\"accountId\"", Emulated.ApiRequests(server)[^1].Body);
        Assert.DoesNotContain(log.Lines, l => l.StartsWith("WARNING:"));
    }
}
