using System.Management.Automation;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// The code behind ImageBuilderScan.Types.ps1xml and the views' text: a hidden <c>Severity</c> member on findings that
/// shadows the service's string with a <see cref="ScanSeverity"/>, so <c>Sort-Object Severity</c>
/// sorts by rank. Hidden members are left out of ConvertTo-Json, Export-Csv and Format-List, which
/// keep writing the string (the .NET property).
/// </summary>
/// <remarks>Public for PowerShell's type data (a CodeProperty names a public static method taking
/// the PSObject). The signature names no engine type: the engine resolves only after import.</remarks>
public static class TypeDataMembers
{
    public static object? Severity(PSObject instance) => SeverityOf(instance?.BaseObject);

    /// <summary>
    /// A value as the format views show it (ImageBuilderScan.Format.ps1xml): its text made inert by the one sanitiser
    /// (no control character, escape sequence or bidi control raw, no line starting with a CI runner's command) and
    /// scrubbed of secrets; null stays null so an empty cell stays empty.
    /// </summary>
    public static string? Inert(object? value)
    {
        value = value is PSObject wrapped ? wrapped.BaseObject : value;
        return value switch
        {
            null => null,
            string text => SecretRedaction.ForOutput(text),
            _ => SecretRedaction.ForOutput(value.ToString()),
        };
    }

    private static ScanSeverity? SeverityOf(object? finding) => finding is ScanFinding f ? ScanSeverity.Of(f.Severity) : null;
}
