using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

// Usage: ImageBuilderScan.IsolationHost other-first|module-first <other AWSSDK.Core.dll> <module folder>
if (args.Length != 3) { Console.Error.WriteLine("usage: other-first|module-first <AWSSDK.Core.dll> <module folder>"); return 2; }
var (order, otherCore, moduleFolder) = (args[0], Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));

try
{
    if (order == "other-first") { UseOtherCore(); UseModule(); }
    else { UseModule(); UseOtherCore(); UseModule(); }

    foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "AWSSDK.Core"))
    {
        var file = assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        Console.WriteLine($"core|{assembly.GetName().Version}|{file}|{AssemblyLoadContext.GetLoadContext(assembly)?.Name}");
    }

    return 0;
}
catch (Exception e)
{
    Console.WriteLine($"error|{e}");
    return 1;
}

void UseOtherCore()
{
    // As another module would: into the default context, then really used.
    var core = AssemblyLoadContext.Default.LoadFromAssemblyPath(otherCore);
    var type = core.GetType("Amazon.Runtime.BasicAWSCredentials", throwOnError: true)!;
    var credentials = Activator.CreateInstance(type, "AKIDOTHERMODULE", "other-secret")!;
    var immutable = type.GetMethod("GetCredentials", Type.EmptyTypes)!.Invoke(credentials, null)!;
    var key = immutable.GetType().GetProperty("AccessKey")!.GetValue(immutable);
    Console.WriteLine($"other|{key}");
}

void UseModule()
{
    // As PowerShell does for a binary RootModule: load into the default context, run every
    // IModuleAssemblyInitializer, then use a cmdlet-assembly type that reaches the engine.
    var cmdlets = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(moduleFolder, "bin", "ImageBuilderScan.dll"));
    foreach (var type in cmdlets.GetExportedTypes().Where(t => typeof(IModuleAssemblyInitializer).IsAssignableFrom(t)))
    {
        ((IModuleAssemblyInitializer)Activator.CreateInstance(type)!).OnImport();
    }

    var describe = cmdlets.GetType("ImageBuilderScan.ModuleProbe", throwOnError: true)!.GetMethod("Describe")!;
    Console.WriteLine($"probe|{describe.Invoke(null, null)}");
}
