using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>The AWS CLI paging the same data through the same emulator: the peer a user would otherwise reach for.</summary>
internal static class AwsCliPeer
{
    public static bool Available()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("aws", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            p!.WaitForExit(30_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }

    /// <summary>Wall time of one full CLI listing; checks the CLI saw every item.</summary>
    public static TimeSpan Time(Uri endpoint, long expectedItems)
    {
        var info = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json",
                     "imagebuilder", "list-image-scan-finding-aggregations",
                     "--filter", $"name=imageBuildVersionArn,values={ThroughputWorkload.SampleArn}" })
            info.ArgumentList.Add(a);
        info.Environment["AWS_ACCESS_KEY_ID"] = EmulatorProcess.AccessKey;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = EmulatorProcess.SecretKey;
        info.Environment["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        info.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException("aws cli ran past 10 minutes"); }
        clock.Stop();
        if (p.ExitCode != 0) throw new InvalidOperationException("aws cli failed: " + stderr.Result);
        using var doc = System.Text.Json.JsonDocument.Parse(stdout.Result);
        var seen = doc.RootElement.GetProperty("responses").GetArrayLength();
        if (seen != expectedItems) throw new InvalidOperationException($"aws cli saw {seen} items, expected {expectedItems}");
        return clock.Elapsed;
    }
}
