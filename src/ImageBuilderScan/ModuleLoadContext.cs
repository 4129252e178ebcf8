using System.Reflection;
using System.Runtime.Loader;

namespace ImageBuilderScan;

/// <summary>
/// The module's own load context: the engine, its client and AWSSDK.* load here from <c>bin/deps</c>, so
/// another module's AWSSDK.Core (AWS Tools brings 3.7.x or an older 4.0.x) never meets ours.
/// </summary>
internal sealed class ModuleLoadContext : AssemblyLoadContext
{
    /// <summary>The module's own layers that the cmdlets reference: the engine and the client beneath it.</summary>
    public static readonly IReadOnlyList<string> LayerAssemblyNames = ["ImageBuilderScan.Engine", "ImageBuilderScan.Client"];

    private readonly string _depsDirectory;

    public ModuleLoadContext(string depsDirectory) : base("ImageBuilderScan", isCollectible: false)
        => _depsDirectory = depsDirectory;

    public string DepsDirectory => _depsDirectory;

    /// <summary>Anything shipped in bin/deps loads here; everything else (the framework) falls back to the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = PathOf(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>The file for a name in bin/deps, or null when it is not shipped there.</summary>
    public string? PathOf(AssemblyName assemblyName)
    {
        if (string.IsNullOrEmpty(assemblyName.Name)) return null;
        var path = Path.Combine(_depsDirectory, assemblyName.Name + ".dll");
        // Checking first matters: asking for a missing file through the default context would
        // raise Resolving again and recurse until the process dies.
        return File.Exists(path) ? path : null;
    }
}
