using System.Diagnostics;
using ImageBuilderScan.Emulator;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// In a fresh process, another module's AWSSDK.Core (AWS Tools brings 3.7.x or an older 4.0.x) and
/// the built module, imported in a real PowerShell 7 and called against the emulator, load side by
/// side in either order.
/// </summary>
public sealed class IsolationTests
{
    [Theory]
    [InlineData("3.7.501.1", "3.3.0.0", "other-first")]
    [InlineData("3.7.501.1", "3.3.0.0", "module-first")]
    [InlineData("4.0.3.3", "4.0.0.0", "other-first")]
    [InlineData("4.0.3.3", "4.0.0.0", "module-first")]
    public async Task Our_core_stays_private_and_the_other_stays_usable(string otherPackage, string otherAssemblyVersion, string order)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 5 });
        var accounts = emulator.Data.Aggregations("accountId");
        var lines = RunHost(order, OtherCore(otherPackage), emulator.BaseAddress.ToString());

        Assert.DoesNotContain(lines, l => l.StartsWith("error|", StringComparison.Ordinal));
        Assert.Contains("other|AKIDOTHERMODULE", lines);
        // The cmdlet really ran in PowerShell 7 against the emulator, every time the module was used.
        var calls = lines.Where(l => l.StartsWith("pwsh|", StringComparison.Ordinal)).ToList();
        Assert.Equal(order == "other-first" ? 1 : 2, calls.Count);
        Assert.All(calls, c => Assert.Equal($"pwsh|{accounts.Count}|{accounts.Sum(a => a.Counts.All)}", c));
        var probes = lines.Where(l => l.StartsWith("probe|")).ToList();
        Assert.Equal(order == "other-first" ? 1 : 2, probes.Count);
        var engine = $"{Repo.Version}.0";
        var (coreAssembly, coreFile) = PinnedCore();
        Assert.All(probes, p => Assert.Equal(
            $"probe|engine=ImageBuilderScan.Engine {engine} (file {engine}) in 'ImageBuilderScan'; client=ImageBuilderScan.Client {engine} (file {engine}) in 'ImageBuilderScan'; core=AWSSDK.Core {coreAssembly} (file {coreFile}) in 'ImageBuilderScan'", p));
        var cores = lines.Where(l => l.StartsWith("core|")).Order().ToList();
        Assert.Equal(
            new[] { $"core|{otherAssemblyVersion}|{otherPackage}|Default", $"core|{coreAssembly}|{coreFile}|ImageBuilderScan" }.Order(),
            cores);
    }

    /// <summary>
    /// The AWSSDK.Core the module must load: the exact pin in Directory.Packages.props (file version)
    /// and the assembly version of that package's DLL.
    /// </summary>
    private static (string Assembly, string File) PinnedCore()
    {
        var pin = System.Xml.Linq.XDocument.Load(Path.Combine(Repo.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "AWSSDK.Core");
        var version = ((string)pin.Attribute("Version")!).Trim('[', ']');
        return (System.Reflection.AssemblyName.GetAssemblyName(OtherCore(version)).Version!.ToString(), version);
    }

    private static string OtherCore(string version)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "awssdk.core", version, "lib", "net8.0", "AWSSDK.Core.dll");
        Assert.True(File.Exists(path), $"{path} missing: the IsolationHost project's PackageDownload restores it");
        return path;
    }

    /// <summary>Debug or Release: the host is built with the same configuration as this test project.</summary>
    private static string Configuration() =>
        Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!;

    private static List<string> RunHost(string order, string otherCore, string endpoint)
    {
        var host = Path.Combine(Repo.Root, "tests", "ImageBuilderScan.IsolationHost", "bin",
            Configuration(), "net10.0", "ImageBuilderScan.IsolationHost.dll");
        Assert.True(File.Exists(host), $"{host} missing");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "exec", host, order, otherCore, Repo.ModuleFolder, endpoint }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "isolation host did not finish");
        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.True(process.ExitCode == 0, string.Join("\n", lines) + stderr.Result);
        return lines;
    }
}
