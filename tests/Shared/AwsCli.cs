using System.Diagnostics;
using System.Text.Json.Nodes;
using ImageBuilderScan.Emulator;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// The AWS CLI on PATH (botocore: its own SigV4 signer, rest-json parser and paginator), run against
/// an emulator. Compiled into each test project that compares with it (a linked source file).
/// </summary>
internal static class AwsCli
{
    public const string SkipReason = "The AWS CLI ('aws') is not on PATH; the comparison with botocore was skipped.";

    public static string? Path { get; } = Find();

    /// <summary>Runs <c>aws imagebuilder ARGS</c> against the emulator with its credentials and nothing from the machine's AWS setup.</summary>
    public static Task<JsonNode> RunAsync(EmulatorServer server, string region, params string[] args) =>
        RunServiceAsync(server, region, "imagebuilder", args);

    /// <summary>Runs <c>aws SERVICE ARGS</c> (e.g. <c>sts assume-role</c>) the same way.</summary>
    public static async Task<JsonNode> RunServiceAsync(EmulatorServer server, string region, string service, params string[] args)
    {
        var start = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--endpoint-url", server.BaseAddress.ToString().TrimEnd('/'), "--region", region, "--output", "json", service }.Concat(args))
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

/// <summary>A fact that runs only where the AWS CLI is on PATH, and is reported as skipped (with the reason) elsewhere.</summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null) Skip = AwsCli.SkipReason;
    }
}

/// <summary>The theory form of <see cref="AwsCliFactAttribute"/>.</summary>
public sealed class AwsCliTheoryAttribute : TheoryAttribute
{
    public AwsCliTheoryAttribute()
    {
        if (AwsCli.Path is null) Skip = AwsCli.SkipReason;
    }
}
