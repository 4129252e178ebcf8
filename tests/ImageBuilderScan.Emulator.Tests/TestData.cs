namespace ImageBuilderScan.Emulator.Tests;

internal static class TestData
{
    /// <summary>samples/findings.json of the repository (found by walking up from the test binaries).</summary>
    public static string SamplePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "findings.json");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
            throw new FileNotFoundException("samples/findings.json not found above " + AppContext.BaseDirectory);
        }
    }

    public static Task<EmulatorServer> Sample(int pageSize = 100, bool filterMatchesAll = false) =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataFile = SamplePath, AggregationPageSize = pageSize, FilterMatchesAll = filterMatchesAll });
}
