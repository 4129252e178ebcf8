using System.Diagnostics;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The pwsh the PowerShell section runs: the <c>PowerShell</c> dotnet tool at one pinned version, so
/// before and after numbers come from the same PowerShell. Found where it usually is, or installed
/// into output/bench/ (gitignored) on first use, so the section works on a fresh clone.
/// </summary>
internal static class PwshTool
{
    public const string Version = "7.6.9";

    public static string Locate()
    {
        var cache = Path.Combine(RepoPaths.Root(), "output", "bench", $"pwsh-{Version}");
        var cached = Path.Combine(cache, Executable);
        foreach (var candidate in Candidates(cached))
            if (File.Exists(candidate) && VersionOf(candidate) == Version) return candidate;

        Console.Error.WriteLine($"installing the PowerShell dotnet tool {Version} into {cache}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[] { "tool", "install", "--tool-path", cache, "PowerShell", "--version", Version }) info.ArgumentList.Add(a);
        using (var p = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet tool install"))
        {
            if (!p.WaitForExit(600_000)) { p.Kill(true); throw new TimeoutException("dotnet tool install ran past 10 minutes"); }
            if (p.ExitCode != 0) throw new InvalidOperationException($"dotnet tool install PowerShell {Version} exited {p.ExitCode}");
        }
        var installed = VersionOf(cached);
        return installed == Version ? cached : throw new InvalidOperationException($"{cached} reports version '{installed}', expected {Version}");
    }

    private static string Executable => OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh";

    private static IEnumerable<string> Candidates(string cached)
    {
        yield return cached;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return Path.Combine(dir, Executable);
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", Executable);
    }

    /// <summary><c>pwsh -Version</c> prints "PowerShell 7.6.9".</summary>
    private static string? VersionOf(string pwsh)
    {
        try
        {
            var info = new ProcessStartInfo(pwsh, "-Version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(info);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000)) { p.Kill(true); return null; }
            return p.ExitCode == 0 ? output.Trim().Split(' ').Last() : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
