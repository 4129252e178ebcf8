using System.Collections.ObjectModel;

namespace ImageBuilderScan.Client.Model;

/// <summary>
/// A finding's list member (reference URLs, related vulnerabilities, CVSS scores, packages) whose
/// text is its items joined with "; ". Export-Csv and string conversions call ToString() on a
/// property value, which for a List&lt;T&gt; or an array is only the type name
/// ("System.Collections.Generic.List`1[System.String]"); ConvertTo-Json and Format-List still see
/// a list.
/// </summary>
public sealed class ValueList<T> : ReadOnlyCollection<T>
{
    public static ValueList<T> None { get; } = new([]);

    public ValueList(IList<T> items)
        : base(items)
    {
    }

    /// <summary>The list as it is, or wrapped: a page's lists are built once, never copied.</summary>
    public static ValueList<T> Of(IReadOnlyList<T> items) => items switch
    {
        ValueList<T> list => list,
        { Count: 0 } => None,
        IList<T> list => new ValueList<T>(list),
        _ => new ValueList<T>(items.ToList()),
    };

    // Made inert: a list of strings from the wire (reference URLs, related ids) is shown as one cell or line.
    public override string ToString() => Text.InputDisplay.Inert(string.Join("; ", this));
}
