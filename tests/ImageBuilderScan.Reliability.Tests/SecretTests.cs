using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// No secret leaves: with an access key, a secret key and a session token in play, no item, log line (any level),
/// exception (message, ToString, inner exceptions, Data), ToString or JSON form of the engine's objects shows the
/// secret key or the session token, on the happy path and on every error path.
/// </summary>
public sealed class SecretTests(ITestOutputHelper output)
{
    private const string Secret = "IbscanSecretKeyThatMustNeverBeSeen0000001";
    private const string Token = "IbscanSessionTokenThatMustNeverBeSeen/+=0002";
    private const string WrongSecret = "IbscanWrongSecretThatMustNeverBeSeen00003";

    private static Task<EmulatorServer> StartAsync() =>
        EmulatorServer.StartAsync(new EmulatorOptions { AggregationPageSize = 3, SecretAccessKey = Secret, SessionToken = Token });

    private static ScanClientOptions Options(EmulatorServer server, IScanLog log, string secret = Secret, string? endpoint = null) =>
        TestClientOptions.For(server, Emulators.Region, log, maxAttempts: 2, timeout: TimeSpan.FromMilliseconds(700)) with
        {
            SecretKey = secret,
            EndpointUrl = endpoint ?? server.BaseAddress.ToString(),
        };

    public static TheoryData<string> Paths => new()
    {
        "success", "wrong secret", "500", "503", "throttled", "dropped connection", "timeout", "malformed body", "absurd counts", "bad token",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task No_secret_in_items_logs_errors_or_objects(string path)
    {
        await using var server = await StartAsync();
        var log = new RecordingLog();
        var seen = new SecretSurface();
        var options = Options(server, log, path == "wrong secret" ? WrongSecret : Secret);
        server.Faults.Add(path switch
        {
            "500" => new FaultPlan { Kind = FaultKind.ServiceError, OnRequest = 2, MaxCount = 10 },
            "503" => new FaultPlan { Kind = FaultKind.ServiceUnavailable, OnRequest = 2, MaxCount = 10 },
            "throttled" => new FaultPlan { Kind = FaultKind.Throttle, OnRequest = 2, MaxCount = 10 },
            "dropped connection" => new FaultPlan { Kind = FaultKind.DropConnection, OnRequest = 2, MaxCount = 10 },
            "timeout" => new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 3000, OnRequest = 2, MaxCount = 10 },
            "malformed body" => new FaultPlan { Kind = FaultKind.MalformedBody, OnRequest = 2, MaxCount = 10 },
            "absurd counts" => new FaultPlan { Kind = FaultKind.AbsurdCounts, OnRequest = 2, MaxCount = 10 },
            "bad token" => new FaultPlan { Kind = FaultKind.Error, ErrorCode = "InvalidPaginationTokenException", OnRequest = 2, MaxCount = 10 },
            _ => new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 0 },
        });
        seen.Add("options", options);
        using var client = ImageBuilderScanClient.Create(options);
        seen.Add("connection", client.Connection);

        foreach (var workload in Workload.Both)
        {
            try
            {
                if (workload == Workload.Aggregations)
                    await foreach (var a in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = workload.Values(server.Data) }))
                        seen.Add("aggregation", a);
                else
                    await foreach (var page in client.GetFindingsAsync(new FindingQuery { PageSize = 7 }).Pages)
                    {
                        seen.Add("page", page);
                        foreach (var f in page.Items) seen.Add("finding", f);
                    }
            }
            catch (ImageBuilderScanException error)
            {
                output.WriteLine($"{error.GetType().Name}: {error.Message}");
                seen.Add("exception", error);
                seen.Add("resume point", error.Resume);
            }
        }
        seen.AddLines("log", log.Lines);
        output.WriteLine($"{seen.Count} texts checked, {log.Lines.Count} log lines");
        if (path != "success") Assert.Contains(log.Lines, l => l.Contains("Retrying") || l.Contains("VERBOSE"));
        seen.AssertNoneContains(Secret, Token, WrongSecret);
    }

    [Theory]
    [InlineData("http://AKIAIBSCANEMULATOR00:{0}@127.0.0.1:9/")]
    [InlineData("https://user:{0}@imagebuilder.example.com/")]
    [InlineData("http://user:{0}@10.0.0.8/")]
    [InlineData("ftp://user:{0}@127.0.0.1/")]
    public void Endpoint_with_user_info_is_refused_without_showing_it(string template)
    {
        var log = new RecordingLog();
        var seen = new SecretSurface();
        var options = new ScanClientOptions
        {
            Region = Emulators.Region, AccessKey = "AKIAIBSCANEMULATOR00", SecretKey = Secret, SessionToken = Token,
            EndpointUrl = string.Format(template, Secret), Log = log,
        };
        var error = Assert.Throws<ScanConfigurationException>(() => ImageBuilderScanClient.Create(options));
        seen.Add("exception", error);
        seen.AddLines("log", log.Lines);
        seen.AssertNoneContains(Secret, Token);
    }

    [Fact]
    public void Connection_options_never_print_or_serialise_a_secret()
    {
        var log = new RecordingLog();
        var options = new ScanClientOptions
        {
            Region = Emulators.Region, AccessKey = "AKIAIBSCANEMULATOR00", SecretKey = Secret, SessionToken = Token,
            EndpointUrl = "http://127.0.0.1:9/", MaxAttempts = 2, RequestTimeout = TimeSpan.FromSeconds(5), Log = log,
        };
        var seen = new SecretSurface();
        seen.Add("options", options);
        seen.Add("options copied", options with { Region = "eu-west-1" });
        seen.Add("resume point", new ResumePoint(FilterNames.AccountId, ["123456789012"], "token", []));
        seen.AddLines("log", log.Lines);
        seen.AssertNoneContains(Secret, Token);
    }

    [Fact]
    public void Echoed_secret_headers_are_redacted_from_service_messages()
    {
        var echoed = "Signature mismatch.\n'POST\n/\nhost:x\nX-Amz-Security-Token: " + Token + "\nAuthorization:AWS4-HMAC-SHA256 Credential=a/b, Signature=c\nx-amz-date:1'";
        var redacted = Client.Errors.SecretRedaction.ServiceMessage(echoed)!;
        Assert.DoesNotContain(Token, redacted);
        Assert.DoesNotContain("Signature=c", redacted);
        Assert.Contains("host:x", redacted);
        Assert.Contains("x-amz-date:1", redacted);
    }
}
