namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// The one way test code finds the repository: the folder holding ImageBuilderScan.sln above the running
/// assembly. Linked into each project that reads repository files.
/// </summary>
public static class RepoRoot
{
    public const string Marker = "ImageBuilderScan.sln";

    public static string Path { get; } = Find(AppContext.BaseDirectory);

    /// <summary>The VersionPrefix of Directory.Build.props: the folder the build lays the module out in.</summary>
    public static string Version { get; } = System.Xml.Linq.XDocument.Load(System.IO.Path.Combine(Path, "Directory.Build.props"))
        .Descendants("VersionPrefix").Single().Value.Trim();

    /// <summary>
    /// A file kept beside the repository rather than in it (the `shared` folder of references and schemas): the
    /// first folder from the repository upwards that holds <paramref name="parts"/>, or null where none does
    /// (a worktree sits deeper than the checkout it belongs to).
    /// </summary>
    public static string? FindAbove(params string[] parts)
    {
        for (var dir = new DirectoryInfo(Path); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, .. parts]);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        throw new InvalidOperationException($"{Marker} not found above {start}");
    }
}
