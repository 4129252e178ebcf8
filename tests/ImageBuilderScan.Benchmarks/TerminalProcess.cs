using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// A pwsh script run in a terminal (terminal.py: a pseudo-terminal that answers cursor queries as a
/// terminal emulator does), where the console host shows progress. The script writes its
/// <c>name=value</c> lines to a file, since what it prints is drawn on the terminal; the harness
/// reads that file and what was drawn.
/// </summary>
internal static class TerminalProcess
{
    public static bool Available() => Which("python3") is not null;

    public static (IReadOnlyDictionary<string, double> Metrics, string Drawn) Run(string pwsh, IEnumerable<string> pwshArgs, string metricsFile)
    {
        var transcript = Path.ChangeExtension(metricsFile, ".drawn");
        File.Delete(metricsFile);
        var driver = Path.Combine(RepoPaths.Root(), "tests", "ImageBuilderScan.Benchmarks", "terminal.py");
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { driver, transcript, pwsh }.Concat(pwshArgs)) info.ArgumentList.Add(a);
        ChildEnvironment.Apply(info);
        info.Environment["TERM"] = "xterm-256color";
        using var p = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        var stderr = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException("terminal run past 10 minutes"); }
        p.WaitForExit();
        var drawn = File.Exists(transcript) ? File.ReadAllText(transcript) : "";
        if (p.ExitCode != 0 || !File.Exists(metricsFile))
            throw new InvalidOperationException($"pwsh in a terminal exited {p.ExitCode}:\n{drawn}\n{stderr.Result}");
        return (TimedProcess.ParseMetrics(File.ReadAllText(metricsFile)), drawn);
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
