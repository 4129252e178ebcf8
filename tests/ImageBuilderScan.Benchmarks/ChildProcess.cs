using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>Runs this harness again in a fresh process (cold start, peak memory) and reads its one-line answer.</summary>
internal static class ChildProcess
{
    public static string Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(RepoPaths.SelfDll());
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start child");
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(600_000)) { process.Kill(true); throw new TimeoutException("child ran past 10 minutes"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"child {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        return output.Trim().Split('\n')[^1];
    }
}
