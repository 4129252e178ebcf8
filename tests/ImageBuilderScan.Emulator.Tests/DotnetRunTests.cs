using System.Diagnostics;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>
/// <c>dotnet run --project src/ImageBuilderScan.Emulator -- --data samples/findings.json</c> from the repository root:
/// the relative path is the user's, not the project folder's (dotnet run would start the app there).
/// </summary>
public sealed class DotnetRunTests
{
    [Fact]
    public async Task A_relative_data_path_resolves_against_the_directory_dotnet_run_was_started_in()
    {
        var root = Path.GetDirectoryName(Path.GetDirectoryName(TestData.SamplePath))!;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "run", "--no-build", "-c", configuration, "--project", Path.Combine("src", "ImageBuilderScan.Emulator"), "--",
                     "--data", Path.Combine("samples", "findings.json"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.True(line is not null && line.Contains("listening on"), $"no banner: '{line}' {(process.HasExited ? await process.StandardError.ReadToEndAsync() : "")}");
            Assert.Contains($"({FindingsDataSet.Load(TestData.SamplePath).Findings.Count} findings", line);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }
    }
}
