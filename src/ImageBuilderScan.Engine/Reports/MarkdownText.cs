using ImageBuilderScan.Client.Errors;
using System.Text;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Escapes service text for GitHub-flavoured Markdown, so a hostile title is shown as text: no markup,
/// no HTML, no link or image, no broken table. &amp;, &lt; and &gt; become entities; every other
/// ASCII punctuation character that means something to GitHub (CommonMark allows a backslash before
/// any of them; , ; / ? % " ' are left alone) is backslash-escaped, which defuses emphasis, code spans, headings, quotes, list markers, table pipes and the bare-URL,
/// www. and e-mail autolinks (their ':', '.' and '@' are escaped); line breaks and other control
/// characters become spaces, and runs of white space one space, so nothing starts a new block.
/// </summary>
public static class MarkdownText
{
    // Inline markup, block markers, tables, links, autolink triggers, math ($) and Markdig's extras (= ^ ~).
    private const string Significant = "\\`*_{}[]()#+-.!|~:@$=^";

    public static string Escape(string? text, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = SecretRedaction.Scrub(text)!;
        var result = new StringBuilder(text.Length + 16);
        var space = false;
        var taken = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (taken++ == maxLength)
            {
                result.Append("...");
                break;
            }
            // Zero-width and direction marks (a reversed "exe.txt") are dropped outright.
            if (Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format) continue;
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                space = result.Length > 0;
                continue;
            }
            if (space)
            {
                result.Append(' ');
                space = false;
            }
            switch (rune.Value)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case < 0x80 when Significant.Contains((char)rune.Value): result.Append('\\').Append((char)rune.Value); break;
                default: result.Append(rune.ToString()); break;
            }
        }
        return result.ToString();
    }
}
