namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Service and file text made inert for HTML, in element content and in quoted attribute values alike: first the
/// one sanitiser every report uses (<see cref="ReportText.ForXml"/>: secrets scrubbed, controls and bidi controls as
/// visible escapes, then what XML cannot hold as U+FFFD, so the report also parses as XML), then &amp; &lt; &gt;
/// &quot; and ' as references; any invisible format character left (zero-width marks) is dropped.
/// </summary>
internal static class HtmlText
{
    public static string Escape(string? text, int maxLength = int.MaxValue)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var clean = ReportText.ForXml(text);
        var result = new StringBuilder(clean.Length + 16);
        var taken = 0;
        foreach (var rune in clean.EnumerateRunes())
        {
            if (taken++ == maxLength)
            {
                result.Append('\u2026');
                break;
            }
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) continue;
            switch (rune.Value)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                default: result.Append(rune.ToString()); break;
            }
        }
        return result.ToString();
    }

    /// <summary>An invariant number, as the tables and charts show it.</summary>
    public static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A coordinate with at most one decimal, invariant.</summary>
    public static string Coordinate(double x) => Math.Round(x, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"2026-06-15" and "2026-06-15 12:00 UTC".</summary>
    public static string Date(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
