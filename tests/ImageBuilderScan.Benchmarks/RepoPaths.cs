namespace ImageBuilderScan.Benchmarks;

/// <summary>Finds the repository's build outputs from wherever the harness runs.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ImageBuilderScan.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ImageBuilderScan.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The emulator built with the same configuration as this harness (the project reference builds it).</summary>
    public static string EmulatorDll()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/<tfm>
        var bin = Path.Combine(Root(), "src", "ImageBuilderScan.Emulator", "bin", configuration);
        var dll = Directory.Exists(bin)
            ? Directory.GetFiles(bin, "ImageBuilderScan.Emulator.dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return dll ?? throw new FileNotFoundException($"build the emulator first: no ImageBuilderScan.Emulator.dll under {bin}");
    }

    /// <summary>This harness's own dll, for child processes.</summary>
    public static string SelfDll() => typeof(RepoPaths).Assembly.Location;
}
