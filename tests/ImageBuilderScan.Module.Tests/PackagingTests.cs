using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// A build from source works on any OS and architecture (ReadyToRun only with the host's own Crossgen2,
/// IL otherwise), and what the module ships of others is exactly what they published.
/// </summary>
public sealed partial class PackagingTests
{
    /// <summary>Every vendor assembly in bin/deps has the bytes of its NuGet package's (THIRD-PARTY-NOTICES: "unmodified").</summary>
    [Fact]
    public void Vendor_assemblies_are_byte_identical_to_their_NuGet_packages()
    {
        var versions = PackageVersion().Matches(File.ReadAllText(Repo.File("Directory.Packages.props")))
            .ToDictionary(m => m.Groups["id"].Value, m => m.Groups["version"].Value, StringComparer.OrdinalIgnoreCase);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var vendor = Directory.GetFiles(Path.Combine(Repo.ModuleFolder, "bin", "deps"), "*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("ImageBuilderScan.", StringComparison.Ordinal)).ToList();
        Assert.Contains(vendor, f => Path.GetFileName(f) == "AWSSDK.Core.dll");
        Assert.Contains(vendor, f => Path.GetFileName(f) == "YamlDotNet.dll");
        foreach (var file in vendor)
        {
            var id = Path.GetFileNameWithoutExtension(file);
            Assert.True(versions.TryGetValue(id, out var version), $"{id} has no version in Directory.Packages.props");
            var lib = Path.Combine(packages, id.ToLowerInvariant(), version.Trim('[', ']'), "lib");
            var published = Directory.GetFiles(lib, Path.GetFileName(file), SearchOption.AllDirectories).Select(Hash).ToList();
            Assert.True(published.Contains(Hash(file)), $"{Path.GetFileName(file)} differs from every copy in {lib}");
        }
    }

    [Theory]
    [InlineData("linux-x64", true)]
    [InlineData("linux-arm64", true)]
    [InlineData("osx-arm64", true)]
    [InlineData("win-x64", true)]
    [InlineData("freebsd-x64", false)]
    [InlineData("linux-riscv64", false)]
    public void ReadyToRun_is_the_default_only_where_the_host_has_a_Crossgen2(string hostRid, bool expected)
    {
        var project = Repo.File("src", "ImageBuilderScan", "ImageBuilderScan.csproj");
        var (readyToRun, downloads) = (Evaluate(project, hostRid, "-getProperty:ModuleReadyToRun"), Evaluate(project, hostRid, "-getItem:PackageDownload"));
        Assert.Equal(expected ? "true" : "false", readyToRun.Trim());
        // The compiler fetched is the host's own (it cross-targets linux-x64); none at all for IL.
        Assert.Equal(expected, downloads.Contains($"Microsoft.NETCore.App.Crossgen2.{hostRid}", StringComparison.Ordinal));
        Assert.DoesNotContain(downloads.Split('"').Where(s => s.StartsWith("Microsoft.NETCore.App.Crossgen2.", StringComparison.Ordinal)),
            name => name != $"Microsoft.NETCore.App.Crossgen2.{hostRid}");
    }

    private static string Evaluate(string project, string hostRid, string query)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", project, query, $"-p:ModuleReadyToRunHostRid={hostRid}", "-nologo"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {query} failed: {output}{process.StandardError.ReadToEnd()}");
        return output;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [GeneratedRegex("""<PackageVersion Include="(?<id>[^"]+)" Version="(?<version>[^"]+)" />""")]
    private static partial Regex PackageVersion();
}
