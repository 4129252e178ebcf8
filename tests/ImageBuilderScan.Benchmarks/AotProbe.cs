using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The engine with no PowerShell around it (tests/ImageBuilderScan.AotProbe), for the pwsh section's
/// diagnosis rows: as built (IL under the JIT, as the module runs it) and published ahead of time
/// with NativeAOT for this machine's runtime identifier (no JIT at all).
/// </summary>
internal static class AotProbe
{
    private const string Name = "ImageBuilderScan.AotProbe";

    /// <summary>The probe as the harness's own configuration built it (the project reference builds it), run with <c>dotnet</c>.</summary>
    public static string JitDll()
    {
        var harness = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)); // bin/<Configuration>/<tfm>
        var dll = Path.Combine(RepoPaths.Root(), "tests", Name, "bin", harness.Parent!.Name, harness.Name, Name + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build {Name} first: no {dll}");
    }

    /// <summary>
    /// Publishes the probe with NativeAOT into output/bench/aot-probe/&lt;rid&gt;/ and returns the
    /// executable, or null with <paramref name="why"/> when this machine cannot (no ILCompiler package
    /// for its runtime identifier, no native toolchain): the rows are then skipped, not guessed.
    /// </summary>
    public static string? PublishNative(out string why)
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var output = Path.Combine(RepoPaths.Root(), "output", "bench", "aot-probe", rid);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "publish", Path.Combine(RepoPaths.Root(), "tests", Name, Name + ".csproj"), "-c", "Release", "-r", rid,
                     "-p:PublishAot=true", "-o", output, "-nologo", "-v", "q" })
            info.ArgumentList.Add(a);
        Console.Error.WriteLine($"publishing {Name} with NativeAOT for {rid}");
        using var p = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(900_000)) { p.Kill(true); why = "dotnet publish ran past 15 minutes"; return null; }
        var executable = Path.Combine(output, Name + (OperatingSystem.IsWindows() ? ".exe" : ""));
        if (p.ExitCode == 0 && File.Exists(executable)) { why = ""; return executable; }
        var said = (stdout.Result + stderr.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        why = $"dotnet publish -p:PublishAot=true -r {rid} exited {p.ExitCode}: {string.Join(" ", said.TakeLast(3))}";
        return null;
    }
}
