using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

internal static class TestData
{
    /// <summary>samples/findings.json of the repository (found by walking up from the test binaries).</summary>
    public static string SamplePath { get; } = Path.Combine(RepoRoot.Path, "samples", "findings.json");

    public static Task<EmulatorServer> Sample(int pageSize = 100, bool filterMatchesAll = false) =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataFile = SamplePath, AggregationPageSize = pageSize, FilterMatchesAll = filterMatchesAll });
}
