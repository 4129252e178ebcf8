using System.Globalization;
using ImageBuilderScan.Benchmarks;

// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks [-- --quick]
// dotnet run -c Release --project tests/ImageBuilderScan.Benchmarks -- pwsh [--rounds N] [--trace]   (the PowerShell section)
// Child modes (used by the harness itself): coldstart <engine|raw> <url>, memory <engine|raw> <url> <items>.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return args switch
{
    ["coldstart", var mode, var url] => await ColdStart.ChildAsync(mode, url),
    ["pwsh", .. var options] => PwshHarness.Run(PwshOptions.Parse(options)),
    ["memory", var mode, var url, var items] => await StreamingMemory.ChildAsync(mode, url, long.Parse(items, CultureInfo.InvariantCulture)),
    _ => await Harness.RunAsync(quick: args.Contains("--quick")),
};
