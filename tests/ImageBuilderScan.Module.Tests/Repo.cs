using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Module.Tests;

/// <summary>Paths of the repository and of the module layout the build writes.</summary>
internal static class Repo
{
    public static string Root => RepoRoot.Path;

    public static string Version => RepoRoot.Version;

    /// <summary>output/ImageBuilderScan/&lt;version&gt;/, written by the cmdlet project's build.</summary>
    public static string ModuleFolder => Path.Combine(Root, "output", "ImageBuilderScan", Version);

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>
    /// PowerShell's schemas live in a `shared` folder beside the repository (../shared), or beside one
    /// of its ancestors when the repository is a worktree; null when absent.
    /// </summary>
    public static string? SharedSchema(string name) => RepoRoot.FindAbove("shared", "schemas", name);
}
