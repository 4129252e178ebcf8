namespace ImageBuilderScan.Benchmarks;

/// <summary>Finds the repository's build outputs from wherever the harness runs.</summary>
internal static class RepoPaths
{
    public static string Root() => Tests.Shared.RepoRoot.Path;

    /// <summary>The emulator built with the same configuration as this harness (the project reference builds it).</summary>
    public static string EmulatorDll() => BuiltFile("src", "ImageBuilderScan.Emulator", "ImageBuilderScan.Emulator.dll");

    private static string BuiltFile(string folder, string project, string file)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/<tfm>
        var bin = Path.Combine(Root(), folder, project, "bin", configuration);
        var path = Directory.Exists(bin)
            ? Directory.GetFiles(bin, file, SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return path ?? throw new FileNotFoundException($"build {project} first: no {file} under {bin}");
    }

    /// <summary>
    /// The module as <c>dotnet build src/ImageBuilderScan -c Release</c> lays it out:
    /// output/ImageBuilderScan/&lt;VersionPrefix of Directory.Build.props&gt;/ImageBuilderScan.psd1.
    /// </summary>
    public static string ModuleManifest()
    {
        var manifest = Path.Combine(Root(), "output", "ImageBuilderScan", Tests.Shared.RepoRoot.Version, "ImageBuilderScan.psd1");
        return File.Exists(manifest) ? manifest : throw new FileNotFoundException($"build the module first (dotnet build src/ImageBuilderScan -c Release): no {manifest}");
    }

    /// <summary>The floor module built with this harness's configuration (the project reference builds it).</summary>
    public static string FloorManifest() => BuiltFile("tests", "ImageBuilderScan.FloorModule", "ImageBuilderScan.FloorModule.psd1");

    /// <summary>This harness's own dll, for child processes.</summary>
    public static string SelfDll() => typeof(RepoPaths).Assembly.Location;
}
