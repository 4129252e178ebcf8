using System.Diagnostics;
using System.Reflection;
using System.Reflection.PortableExecutable;
using ImageBuilderScan.Emulator;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The module build compiles its own assemblies ReadyToRun for linux-x64 (issue 12) where the build host
/// has a Crossgen2 package (issue 22: the compiler is the host's, cross-targeting linux-x64; IL elsewhere),
/// and leaves vendor assemblies byte-identical to their NuGet packages.
/// An R2R image is the IL plus native code: a platform or runtime the native code was not made for
/// (Windows, macOS, arm64, PowerShell 7.4 on .NET 8) ignores it and JITs the IL.
/// </summary>
public sealed class ReadyToRunTests
{
    public static TheoryData<string> Compiled => new() { "bin/ImageBuilderScan.dll", "bin/deps/ImageBuilderScan.Engine.dll", "bin/deps/ImageBuilderScan.Client.dll" };

    [Theory]
    [MemberData(nameof(Compiled))]
    public void The_shipped_assembly_is_a_ReadyToRun_image_that_still_carries_all_its_IL(string file)
    {
        var path = Path.Combine([Repo.ModuleFolder, .. file.Split('/')]);
        using (var pe = new PEReader(File.OpenRead(path)))
        {
            var cor = pe.PEHeaders.CorHeader!;
            Assert.True(cor.ManagedNativeHeaderDirectory.Size > 0, $"{file} has no ReadyToRun header");
            Assert.True(cor.Flags.HasFlag(CorFlags.ILLibrary), $"{file} is not flagged as an IL library with native code");
            // An R2R image's machine is x64 XOR the target OS's value (Linux: 0x7B79).
            Assert.Equal((ushort)Machine.Amd64, (ushort)((ushort)pe.PEHeaders.CoffHeader.Machine ^ 0x7B79));
        }

        // What another platform runs: every method body is there as IL, readable without the runtime.
        var resolver = new PathAssemblyResolver(Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Concat(Directory.GetFiles(Path.Combine(Repo.ModuleFolder, "bin"), "*.dll", SearchOption.AllDirectories))
            .Concat([typeof(System.Management.Automation.PSObject).Assembly.Location]));
        using var context = new MetadataLoadContext(resolver);
        var assembly = context.LoadFromAssemblyPath(path);
        var bodies = 0;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.IsAbstract || (method.MethodImplementationFlags & MethodImplAttributes.Runtime) != 0 || method.Attributes.HasFlag(MethodAttributes.PinvokeImpl)) continue;
                var il = method.GetMethodBody()?.GetILAsByteArray();
                Assert.True(il is { Length: > 0 }, $"{type.FullName}.{method.Name} has no IL in {file}");
                bodies++;
            }
        }

        Assert.True(bodies > 20, $"only {bodies} method bodies in {file}");
    }

    /// <summary>
    /// DOTNET_ReadyToRun=0 makes the runtime ignore every native image, as a platform without one does:
    /// the module then runs from its IL, in PowerShell, against the emulator, with the same result.
    /// </summary>
    [Fact]
    public async Task Without_native_code_the_module_runs_from_its_IL()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 5 });
        var accounts = emulator.Data.Aggregations("accountId");
        var host = Path.Combine(Repo.Root, "tests", "ImageBuilderScan.IsolationHost", "bin",
            Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)))!, "net10.0", "ImageBuilderScan.IsolationHost.dll");
        Assert.True(File.Exists(host), $"{host} missing");
        var otherCore = typeof(ReadyToRunTests).Assembly.Location; // unused with module-only
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "exec", host, "module-only", otherCore, Repo.ModuleFolder, emulator.BaseAddress.ToString() }) start.ArgumentList.Add(a);
        start.Environment["DOTNET_ReadyToRun"] = "0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var (output, errors) = (await stdout, await stderr);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.True(process.ExitCode == 0, string.Join("\n", lines) + errors);
        Assert.Contains($"pwsh|{accounts.Count}|{accounts.Sum(a => a.Counts.All)}", lines);
    }
}
