namespace ImageBuilderScan.Engine.Tests;

/// <summary>The repository root and the shared reference schemas beside it. A missing file fails the test.</summary>
internal static class ReferenceFiles
{
    public static string RepoRoot { get; } = FindRoot();

    public static string SarifSchema => Existing(Path.Combine(RepoRoot, "..", "shared", "reference", "sarif", "sarif-schema-2.1.0.json"));

    public static string JUnitSchema => Existing(Path.Combine(RepoRoot, "..", "shared", "reference", "junit", "JUnit.xsd"));

    private static string Existing(string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"The reference schema {Path.GetFullPath(path)} is missing: shared/ must sit beside the repository.", path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ImageBuilderScan.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("ImageBuilderScan.sln not found above " + AppContext.BaseDirectory);
    }
}
