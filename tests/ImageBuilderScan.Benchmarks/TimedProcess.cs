using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>One child process of the PowerShell section: its output and its wall time from start to exit.</summary>
internal sealed record TimedProcess(string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>
    /// Runs <paramref name="file"/>; with <paramref name="stdoutToNull"/> through <c>sh -c 'exec "$@" &gt; /dev/null'</c>,
    /// as a user's <c>... &gt; /dev/null</c> (no pipe for this harness to drain while the clock runs).
    /// </summary>
    public static TimedProcess Run(string file, IEnumerable<string> args, bool stdoutToNull = false, bool trace = false, bool pgoOff = false)
    {
        var info = new ProcessStartInfo(stdoutToNull ? "/bin/sh" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (stdoutToNull)
            foreach (var a in new[] { "-c", "exec \"$@\" > /dev/null", "sh", file }) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        ChildEnvironment.Apply(info, trace, pgoOff);

        var clock = Stopwatch.StartNew();
        using var p = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException($"{file} ran past 10 minutes"); }
        clock.Stop();
        p.WaitForExit();
        var result = new TimedProcess(stdout.Result, stderr.Result, clock.Elapsed);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited {p.ExitCode}:\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    /// <summary>The <c>name=value</c> lines a benchmark script prints.</summary>
    public IReadOnlyDictionary<string, double> Metrics() => ParseMetrics(Stdout);

    public static IReadOnlyDictionary<string, double> ParseMetrics(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
}
