using System.Management.Automation;
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
        typeof(GateResult), typeof(FindingChange), typeof(AggregationKind), typeof(ChangeKind), typeof(FindingSeverity),
    ];

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
