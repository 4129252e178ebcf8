using System.Globalization;
using System.Text;

namespace ImageBuilderScan.Client.Text;

/// <summary>
/// Renders user input (or a service-sent key) for an error message: at most
/// <see cref="MaxShown"/> characters, then an ellipsis, and every invisible or terminal-affecting
/// character (controls, escape, bidi overrides, line separators, lone surrogates) as <c>\uXXXX</c>,
/// so an error never floods or breaks a terminal.
/// </summary>
public static class InputDisplay
{
    public const int MaxShown = 100;

    public static string Show(string? value)
    {
        if (value is null) return "(null)";
        var shown = Math.Min(value.Length, MaxShown);
        if (shown == value.Length && !NeedsEscape(value)) return value;

        var text = new StringBuilder(shown + 16);
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (i + 1 >= shown) break; // never cut a pair in half
                text.Append(c).Append(value[++i]);
            }
            else if (IsInvisible(c)) text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        if (shown < value.Length) text.Append('…').Append(" (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        return text.ToString();
    }

    private static bool NeedsEscape(string value)
    {
        foreach (var c in value)
            if (IsInvisible(c) || char.IsSurrogate(c)) return true;
        return false;
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => true,
        _ => false,
    };
}
