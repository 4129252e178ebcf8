using System.Xml.Linq;

namespace ImageBuilderScan.Module.Tests;

/// <summary>Paths of the repository and of the module layout the build writes.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Version { get; } =
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>output/ImageBuilderScan/&lt;version&gt;/, written by the cmdlet project's build.</summary>
    public static string ModuleFolder => Path.Combine(Root, "output", "ImageBuilderScan", Version);

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// PowerShell's schemas live in a `shared` folder beside the repository (../shared), or beside one
    /// of its ancestors when the repository is a worktree; null when absent.
    /// </summary>
    public static string? SharedSchema(string name)
    {
        for (var dir = new DirectoryInfo(Root); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "schemas", name);
            if (System.IO.File.Exists(candidate)) return candidate;
            candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "schemas", name);
            if (System.IO.File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "ImageBuilderScan.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("ImageBuilderScan.sln not found above " + AppContext.BaseDirectory);
    }
}
