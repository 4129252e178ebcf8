using System.Collections;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// Findings as they arrive after a trip through serialization (Import-Clixml, Start-Job, remoting):
/// property bags, not <see cref="ScanFinding"/>s. Read by their shape (<see cref="ScanFindingShape"/>),
/// so the gate and the report take them as they take live ones. A copy is only as trustworthy as whoever
/// kept it: the gate reads each image's scan state from the service, refuses a finding handed in twice,
/// and requires the copies to number what the service counts for the image, in all and as CRITICAL, HIGH
/// and MEDIUM each (Engine's ServiceAgreement). It cannot catch what those counts do not show: LOW edited
/// to INFORMATIONAL or UNTRIAGED (or back), two findings' severities swapped with each other, a finding
/// replaced by another of the same severity, or an edited score, fix or package.
/// </summary>
internal static class FindingCopies
{
    /// <summary>The finding <paramref name="input"/> is or copies; null when it has no finding's shape at all.</summary>
    /// <exception cref="FormatException">It has a finding's shape, but a member lost its form (says which).</exception>
    public static ScanFinding? From(object? input)
    {
        if ((input is PSObject wrapped ? wrapped.BaseObject : input) is ScanFinding live) return live;
        if (input is not PSObject copy || copy.BaseObject is string or ValueType || !LooksLikeFinding(copy)) return null;
        return ScanFindingShape.FromMembers(Members(copy));
    }

    private static bool LooksLikeFinding(PSObject copy) =>
        TypeAccelerators.IsCopyOf(copy, typeof(ScanFinding))
        || ScanFindingShape.Required.All(name => copy.Properties[name] is not null);

    private static Dictionary<string, object?> Members(PSObject copy)
    {
        var members = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in copy.Properties)
        {
            // A property whose getter throws is left out; the shape reader says what a finding lacks.
            try { members[property.Name] = Plain(property.Value); }
            catch (GetValueException) { }
        }

        return members;
    }

    /// <summary>Scalars as they are, lists as lists, objects as member dictionaries; a severity as its name.</summary>
    private static object? Plain(object? value)
    {
        if (value is null) return null;
        var bare = value is PSObject wrapped ? wrapped.BaseObject : value;
        if (bare is string or ValueType) return bare;
        // The hidden Severity member (ScanSeverity, which compares by rank) travels as a bag that prints as the name.
        if (bare is ScanSeverity || (value is PSObject copy && copy.TypeNames.Any(t => t.EndsWith(nameof(ScanSeverity), StringComparison.Ordinal)))) return value.ToString();
        if (bare is IEnumerable list and not IDictionary) return Items(list);
        return Members(PSObject.AsPSObject(value));
    }

    private static List<object?> Items(IEnumerable list)
    {
        var items = new List<object?>();
        foreach (var item in list) items.Add(Plain(item));
        return items;
    }
}
