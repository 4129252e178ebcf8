using System.Management.Automation;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The code behind ImageBuilderScan.Types.ps1xml: a hidden <c>Severity</c> member on findings that
/// shadows the service's string with a <see cref="ScanSeverity"/>, so <c>Sort-Object Severity</c>
/// sorts by rank. Hidden members are left out of ConvertTo-Json, Export-Csv and Format-List, which
/// keep writing the string (the .NET property).
/// </summary>
/// <remarks>Public for PowerShell's type data (a CodeProperty names a public static method taking
/// the PSObject). The signature names no engine type: the engine resolves only after import.</remarks>
public static class TypeDataMembers
{
    public static object? Severity(PSObject instance) => SeverityOf(instance?.BaseObject);

    private static ScanSeverity? SeverityOf(object? finding) => finding is ScanFinding f ? ScanSeverity.Of(f.Severity) : null;
}
