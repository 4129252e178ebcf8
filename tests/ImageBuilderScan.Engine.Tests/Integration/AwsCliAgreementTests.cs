using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageBuilderScan.Emulator;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// The AWS CLI (botocore: its own signer, parser and paginator) and the engine, against the same emulator, get
/// the same keys with the same counts in the same order.
/// </summary>
public sealed class AwsCliAgreementTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    public static TheoryData<string?> Filters => new()
    {
        null, FilterNames.AccountId, FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId,
    };

    [AwsCliTheory]
    [MemberData(nameof(Filters))]
    public async Task Engine_and_cli_return_the_same_aggregations(string? filterName)
    {
        var server = await pool.Get(aggregationPageSize: 3);
        // At most 10 values: the CLI sends one request's filter as given (the model's limit), the engine would split.
        var values = filterName is null ? [] : Emulated.Keys(server, filterName).Take(10).ToArray();
        using var client = Emulated.Client(server);

        var engine = await Emulated.Drain(client.GetAggregationsAsync(new AggregationQuery { FilterName = filterName, Values = values }));
        var cli = await AwsCli.Run(server, filterName is null
            ? ["list-image-scan-finding-aggregations"]
            : ["list-image-scan-finding-aggregations", "--filter", $"name={filterName},values={string.Join(',', values)}"]);

        var kind = cli["aggregationType"]!.GetValue<string>();
        Assert.Equal(filterName ?? FilterNames.AccountId, kind);
        var cliRows = cli["responses"]!.AsArray().Select(item =>
        {
            var inner = item!.AsObject().Single().Value!;
            var c = inner["severityCounts"]!;
            return (inner[kind]!.GetValue<string>(), c["all"]!.GetValue<long>(), c["critical"]!.GetValue<long>(), c["high"]!.GetValue<long>(), c["medium"]!.GetValue<long>());
        }).ToList();
        Assert.NotEmpty(cliRows);
        Assert.Equal(cliRows, engine.Select(Emulated.Row));
        Assert.All(engine, a => Assert.Equal(kind, a.AggregationType));
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [AwsCliFact]
    public async Task Engine_and_cli_return_the_same_findings_for_a_severity()
    {
        var server = await pool.Get(findingsPageSize: 4);
        using var client = Emulated.Client(server);

        var engine = await Emulated.Drain(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.Severity, Values = ["HIGH"] }));
        var cli = await AwsCli.Run(server, ["list-image-scan-findings", "--filters", "name=severity,values=HIGH"]);

        var cliRows = cli["findings"]!.AsArray()
            .Select(f => (f!["imageBuildVersionArn"]?.GetValue<string>(), f["packageVulnerabilityDetails"]?["vulnerabilityId"]?.GetValue<string>(), f["severity"]?.GetValue<string>(), f["awsAccountId"]?.GetValue<string>()))
            .ToList();
        Assert.NotEmpty(cliRows);
        Assert.Equal(cliRows, engine.Select(Emulated.Row));
    }
}

/// <summary>Runs where the AWS CLI is on PATH; reported as skipped, with the reason, elsewhere.</summary>
public sealed class AwsCliTheoryAttribute : TheoryAttribute
{
    public AwsCliTheoryAttribute()
    {
        if (AwsCli.Path is null) Skip = AwsCli.SkipReason;
    }
}

/// <summary>Runs where the AWS CLI is on PATH; reported as skipped, with the reason, elsewhere.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null) Skip = AwsCli.SkipReason;
    }
}

internal static class AwsCli
{
    public const string SkipReason = "The AWS CLI ('aws') is not on PATH; the engine's agreement with botocore was not checked.";

    public static string? Path { get; } = Find();

    /// <summary>Runs <c>aws imagebuilder ARGS</c> against the emulator with its credentials and nothing from the machine's AWS setup.</summary>
    public static async Task<JsonNode> Run(EmulatorServer server, string[] args)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--endpoint-url", server.BaseAddress.ToString().TrimEnd('/'), "--region", Emulated.Region, "--output", "json", "imagebuilder" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        var none = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ibscan-no-such-dir-" + Guid.NewGuid().ToString("N"));
        start.Environment["AWS_ACCESS_KEY_ID"] = server.Options.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = server.Options.SecretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = System.IO.Path.Combine(none, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = System.IO.Path.Combine(none, "credentials");
        foreach (var variable in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_IMAGEBUILDER", "AWS_CA_BUNDLE", "AWS_MAX_ATTEMPTS" })
        {
            start.Environment.Remove(variable);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("aws did not finish within 2 minutes.");
        }
        Assert.True(process.ExitCode == 0, $"aws exited {process.ExitCode}: {await stderr}");
        return JsonNode.Parse(await stdout)!;
    }

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "aws.exe", "aws.cmd" } : ["aws"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(n => System.IO.Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
    }
}
