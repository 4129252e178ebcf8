using System.Reflection;
using System.Runtime.Loader;

namespace ImageBuilderScan;

/// <summary>
/// Runs when PowerShell imports the module: answers the default context's request for the engine and
/// the client (which the cmdlets reference) by loading them into <see cref="ModuleLoadContext"/>. Only
/// those two are answered here; their own references (AWSSDK.*) then resolve inside the module's context.
/// </summary>
public sealed class ModuleLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static ModuleLoadContext? _context;

    // One count per import still in effect. Every runspace that imports the module (ThreadJob,
    // ForEach-Object -Parallel, a host's pool) calls OnImport, and removing it from one runspace
    // calls OnRemove there only: the resolver must stay while any import remains, or a runspace
    // that has not yet used a cmdlet could no longer load the engine.
    private static int _imports;

    public void OnImport()
    {
        Hook();
        // After Hook: naming the output types loads the client and the engine through the resolver.
        Adapter.TypeAccelerators.Register();
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        Unhook();
        if (!IsHooked) Adapter.TypeAccelerators.Remove();
    }

    /// <summary>True while the resolver is hooked (for tests).</summary>
    internal static bool IsHooked
    {
        get { lock (Gate) return _imports > 0; }
    }

    /// <summary>Counts an import; hooks the resolver on the first, so Import-Module -Force is harmless.</summary>
    public static void Hook()
    {
        lock (Gate)
        {
            if (_imports++ > 0) return;
            var binDirectory = Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location)!;
            _context ??= new ModuleLoadContext(Path.Combine(binDirectory, "deps"));
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }
    }

    /// <summary>Counts a removal; unhooks when no import remains.</summary>
    public static void Unhook()
    {
        lock (Gate)
        {
            if (_imports == 0 || --_imports > 0) return;
            // The engine already loaded stays in the module's context (contexts here are not
            // collectible); a later import reuses the same context.
            AssemblyLoadContext.Default.Resolving -= ResolveEngine;
        }
    }

    private static Assembly? ResolveEngine(AssemblyLoadContext requester, AssemblyName name)
    {
        if (!ModuleLoadContext.LayerAssemblyNames.Contains(name.Name, StringComparer.Ordinal)) return null;
        var context = _context;
        var path = context?.PathOf(name);
        if (context is null || path is null) return null;
        foreach (var loaded in context.Assemblies)
        {
            if (string.Equals(loaded.GetName().Name, name.Name, StringComparison.Ordinal)) return loaded;
        }

        return context.LoadFromAssemblyPath(path);
    }
}
