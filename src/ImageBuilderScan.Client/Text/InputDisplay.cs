using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Text;

/// <summary>
/// The one sanitiser of text that came from the wire or a file, applied before it is written anywhere a
/// person or a CI runner reads it (messages, log lines, progress, views, reports). The values on the objects
/// stay as sent; only what is shown is made inert:
/// <list type="bullet">
/// <item>every invisible or terminal-affecting character (C0 and C1 controls, ESC and so every escape sequence,
/// bidi and other format controls, line separators, private-use, unassigned, lone surrogates) becomes a visible
/// <c>\uXXXX</c>;</item>
/// <item>no line starts with a CI runner's command: a line that would begin with <c>##vso[</c> or <c>##[</c> (Azure
/// Pipelines) or <c>::</c> (GitHub Actions) has its first character escaped;</item>
/// <item>a service field with a known shape (request id, ARN, vulnerability id) is shown as is only when it has
/// that shape, else quoted with every character but letters and digits escaped.</item>
/// </list>
/// </summary>
public static partial class InputDisplay
{
    public const int MaxShown = 100;

    /// <summary>A value inside a message: at most <see cref="MaxShown"/> characters, then an ellipsis; nothing raw.</summary>
    public static string Show(string? value)
    {
        if (value is null) return "(null)";
        var shown = Math.Min(value.Length, MaxShown);
        if (shown == value.Length && !NeedsEscape(value, keepLineBreaks: false) && !StartsCommand(value, 0)) return value;

        var text = new StringBuilder(shown + 16);
        Append(text, value, shown, keepLineBreaks: false);
        if (shown < value.Length) text.Append('…').Append(" (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        return text.ToString();
    }

    /// <summary>
    /// A whole text about to be written (a message, a log line, a view's cell, a report's text): no length limit,
    /// line breaks kept (<c>\r\n</c> and <c>\r</c> become <c>\n</c>), everything else as <see cref="Show"/> does.
    /// </summary>
    public static string Inert(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsEscape(text, keepLineBreaks: true) && !HasCommandLine(text)) return text;
        var result = new StringBuilder(text.Length + 16);
        Append(result, text, text.Length, keepLineBreaks: true);
        return result.ToString();
    }

    /// <summary>
    /// A record's text as C# prints it (<c>Name { Member = value, ... }</c>), made inert as <see cref="Inert"/> makes a
    /// text: what <c>"$finding"</c>, <c>Format-List *</c> of a result's outcomes and <c>Export-Csv</c> cells show is the
    /// module's writing, while the members keep the values as sent.
    /// </summary>
    public static string Printed(string name, Func<StringBuilder, bool> printMembers)
    {
        var text = new StringBuilder(name).Append(" { ");
        if (printMembers(text)) text.Append(' ');
        return Inert(text.Append('}').ToString());
    }

    /// <summary>A request id as shown in messages: as is when it has a request id's shape, else escaped; <c>(none)</c> for none.</summary>
    public static string RequestId(string? requestId) => Shaped(requestId, RequestIdShape());

    /// <summary>An ARN from the service as shown in messages: as is when it has an ARN's shape, else escaped.</summary>
    public static string Arn(string? arn) => Shaped(arn, ArnShape());

    /// <summary>A vulnerability id (<c>CVE-2025-38064</c>, <c>GHSA-xxxx-xxxx-xxxx</c>) as shown: as is when it has that shape, else escaped.</summary>
    public static string VulnerabilityId(string? id) => Shaped(id, VulnerabilityIdShape());

    private static string Shaped(string? value, Regex shape)
    {
        if (value is null) return "(none)";
        if (value.Length <= 1024 && shape.IsMatch(value)) return value;
        var text = new StringBuilder(value.Length + 16).Append('"');
        var shown = Math.Min(value.Length, MaxShown);
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c)) text.Append(c);
            else text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        text.Append('"');
        if (shown < value.Length) text.Append('…').Append(" (").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string value, int shown, bool keepLineBreaks)
    {
        var lineStart = true;
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (keepLineBreaks && (c == '\n' || c == '\r'))
            {
                if (c == '\r' && i + 1 < shown && value[i + 1] == '\n') i++;
                text.Append('\n');
                lineStart = true;
                continue;
            }

            if (lineStart && StartsCommand(value, i)) c = Escape(text, c);
            else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (i + 1 >= shown) break; // never cut a pair in half
                text.Append(c).Append(value[++i]);
            }
            else if (IsInvisible(c)) Escape(text, c);
            else text.Append(c);
            // Leading blanks do not protect a command (runners trim them), so the line start lasts through them.
            lineStart = lineStart && (c == ' ' || c == '\t');
        }
    }

    private static char Escape(StringBuilder text, char c)
    {
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        return '\\';
    }

    /// <summary>True when a CI runner's command starts at <paramref name="at"/>.</summary>
    private static bool StartsCommand(string value, int at)
    {
        var rest = value.AsSpan(at);
        return rest.StartsWith("##vso[", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("##[", StringComparison.Ordinal)
            || rest.StartsWith("::", StringComparison.Ordinal);
    }

    private static bool HasCommandLine(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && text[i - 1] is not ('\n' or '\r')) continue;
            var j = i;
            while (j < text.Length && text[j] is ' ' or '\t') j++;
            if (StartsCommand(text, j)) return true;
        }
        return false;
    }

    private static bool NeedsEscape(string value, bool keepLineBreaks)
    {
        foreach (var c in value)
            if ((IsInvisible(c) && !(keepLineBreaks && c == '\n')) || char.IsSurrogate(c)) return true;
        return false;
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => true,
        _ => false,
    };

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,127}\z")]
    private static partial Regex RequestIdShape();

    [GeneratedRegex(@"^arn:[a-z0-9-]{1,32}:[a-z0-9-]{1,64}:[a-z0-9-]{0,32}:[0-9]{0,12}:[A-Za-z0-9/._+=,@-]{1,1024}\z")]
    private static partial Regex ArnShape();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}\z")]
    private static partial Regex VulnerabilityIdShape();
}
