using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Type literals for what the cmdlets write, under user-facing names ([ImageBuilderScan.ScanFinding],
/// <c>-is [ImageBuilderScan.GateResult]</c>): the real types live in the module's own load context,
/// which a type literal in the session cannot find, and their namespaces carry the internal layer
/// names. Registered on import and removed when the last import is removed (the table is process-wide).
/// </summary>
internal static class TypeAccelerators
{
    /// <summary>The prefix of every name here; the rest is the type's own name.</summary>
    public const string Prefix = "ImageBuilderScan.";

    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(ScanFinding), typeof(ScanFindingAggregation), typeof(VulnerablePackage), typeof(CvssScore),
        typeof(GateResult), typeof(FindingChange), typeof(Engine.History.BuildHistoryEntry), typeof(AggregationKind), typeof(ChangeKind), typeof(FindingSeverity),
    ];

    /// <summary>
    /// The stable PSTypeName of a type this module writes (<c>ImageBuilderScan.ScanFinding</c>: the accelerator's name,
    /// which the format and type files key their views to), or null for a type it does not name.
    /// </summary>
    public static string? UserName(Type type) => Types.Contains(type) ? Prefix + type.Name : null;

    /// <summary>Whether <paramref name="copy"/> is a copy (Import-Clixml, a job, remoting) of a <paramref name="type"/> this module wrote.</summary>
    public static bool IsCopyOf(PSObject copy, Type type)
    {
        var name = "Deserialized." + Prefix + type.Name;
        var clrName = "Deserialized." + type.FullName;
        return copy.TypeNames.Any(t => t == name || t == clrName);
    }

    // PowerShell's table is public only through reflection (as every module that registers accelerators does).
    private static readonly Type? Table = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");

    public static void Register()
    {
        var add = Table?.GetMethod("Add", [typeof(string), typeof(Type)]);
        foreach (var type in Types) add?.Invoke(null, [Prefix + type.Name, type]);
    }

    public static void Remove()
    {
        var remove = Table?.GetMethod("Remove", [typeof(string)]);
        foreach (var type in Types) remove?.Invoke(null, [Prefix + type.Name]);
    }
}
