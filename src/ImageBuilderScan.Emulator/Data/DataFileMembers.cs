using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The check every object of the data file goes through: an object, each member known and of its model's JSON type, so
/// that a typo fails at load instead of serving a wrong wire shape. <see cref="JsonValueKind.True"/> in a table stands
/// for either boolean.
/// </summary>
internal static class DataFileMembers
{
    /// <summary>A table of members by their JSON type, in the order given (the order an error lists them in).</summary>
    public static Dictionary<string, JsonValueKind> Table(string[] strings, string[]? numbers = null, string[]? objects = null, string[]? booleans = null)
    {
        var table = new Dictionary<string, JsonValueKind>(StringComparer.Ordinal);
        foreach (var (names, kind) in new[] { (strings, JsonValueKind.String), (numbers, JsonValueKind.Number), (objects, JsonValueKind.Object), (booleans, JsonValueKind.True) })
        {
            foreach (var name in names ?? []) table.Add(name, kind);
        }

        return table;
    }

    /// <param name="expected">What the element should be, e.g. "an image object".</param>
    /// <param name="unknown">The complaint about a member the table does not list (given its name).</param>
    public static void Check(JsonElement element, string where, string expected,
        IReadOnlyDictionary<string, JsonValueKind> members, Func<string, string> unknown)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where}: expected {expected}.");
        }
        foreach (var member in element.EnumerateObject())
        {
            if (!members.TryGetValue(member.Name, out var kind))
            {
                throw new FormatException($"{where}: {unknown(member.Name)}");
            }
            var ok = kind == JsonValueKind.True ? member.Value.ValueKind is JsonValueKind.True or JsonValueKind.False : member.Value.ValueKind == kind;
            if (!ok)
            {
                throw new FormatException($"{where}.{member.Name}: expected {(kind == JsonValueKind.True ? "true or false" : kind.ToString())}, found {member.Value.ValueKind}.");
            }
        }
    }
}
