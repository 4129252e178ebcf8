using System.Reflection;
using System.Runtime.Loader;

// Usage: ImageBuilderScan.IsolationHost other-first|module-first|module-only <other AWSSDK.Core.dll> <module folder> <emulator url>
if (args.Length != 4) { Console.Error.WriteLine("usage: other-first|module-first <AWSSDK.Core.dll> <module folder> <emulator url>"); return 2; }
var (order, otherCore, moduleFolder, endpoint) = (args[0], Path.GetFullPath(args[1]), Path.GetFullPath(args[2]), args[3]);

try
{
    if (order == "other-first") { UseOtherCore(); UseModule(); }
    else if (order == "module-only") UseModule(); // the module alone (ReadyToRunTests' IL fallback)
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
    // Real PowerShell 7 (Microsoft.PowerShell.SDK): Import-Module the built manifest and list
    // aggregations from the emulator, then ask the module where its engine and Core came from.
    using var shell = System.Management.Automation.PowerShell.Create();
    shell.AddScript("""
        param($Manifest, $Endpoint)
        Import-Module $Manifest
        $items = @(Get-IBScanFindingAggregation -EndpointUrl $Endpoint -Region us-east-1 -AccessKey AKIAIBSCANEMULATOR00 -SecretKey ImageBuilderScanEmulatorSecretKey00000000)
        "pwsh|$($items.Count)|$(($items | Measure-Object All -Sum).Sum)"
        """).AddParameter("Manifest", Path.Combine(moduleFolder, "ImageBuilderScan.psd1")).AddParameter("Endpoint", endpoint);
    foreach (var line in shell.Invoke()) Console.WriteLine(line);
    foreach (var error in shell.Streams.Error) Console.WriteLine($"error|{error}");

    var cmdlets = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "ImageBuilderScan");
    var describe = cmdlets.GetType("ImageBuilderScan.ModuleProbe", throwOnError: true)!.GetMethod("Describe")!;
    Console.WriteLine($"probe|{describe.Invoke(null, null)}");
}
