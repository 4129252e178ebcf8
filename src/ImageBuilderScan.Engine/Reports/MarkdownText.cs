using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Escapes service text for GitHub-flavoured Markdown, so a hostile title is shown as text (no markup,
/// no HTML, no link or image, no broken table) while ids and versions stay as sent, readable raw in a
/// log or an e-mail and greppable (<c>CVE-2025-0003</c>, <c>1:3.0.8-1.amzn2023</c>). Only what could take
/// effect is escaped: &amp;, &lt; and &gt; become entities; <c>\ ` * ~ [ ] { } | $ @ ^</c> get a backslash
/// anywhere (code spans, emphasis, strikethrough, links and images, Markdig's attributes, table cells, math,
/// e-mail autolinks and mentions, Markdig's superscript); <c>_</c> unless inside a word (intraword underscores never emphasise);
/// <c>++</c> and <c>==</c> (Markdig's inserted and marked text); the <c>:</c> of <c>scheme://</c>,
/// <c>mailto:</c> and <c>tel:</c> and the dot of <c>www.</c> (bare-URL autolinks); and a block marker
/// (<c># - + =</c>, <c>1.</c>; <c>&gt;</c> is an entity anyway) that starts the text, since the text may start a paragraph.
/// Line breaks and other control characters become spaces and runs of white space one space, so nothing
/// starts a new block or row.
/// </summary>
public static class MarkdownText
{
    private const string Always = "\\`*~[]{}|$@^";
    private const string BlockStart = "#-+=";

    public static string Escape(string? text, int maxLength = 500)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var runes = Clean(SecretRedaction.Scrub(text)!, maxLength, out var cut);
        var result = new StringBuilder(runes.Count + 16);
        for (var i = 0; i < runes.Count; i++)
        {
            var rune = runes[i];
            var c = rune.Value < 0x80 ? (char)rune.Value : '\0';
            switch (c)
            {
                case '&': result.Append("&amp;"); continue;
                case '<': result.Append("&lt;"); continue;
                case '>': result.Append("&gt;"); continue;
            }

            if (c != '\0' && NeedsBackslash(runes, i, c)) result.Append('\\');
            result.Append(rune.ToString());
        }

        return cut ? result.Append("...").ToString() : result.ToString();
    }

    private static bool NeedsBackslash(List<Rune> runes, int i, char c)
    {
        if (Always.Contains(c)) return true;
        if (i == 0 && (BlockStart.Contains(c))) return true;
        return c switch
        {
            '_' => !(IsWordChar(runes, i - 1) && IsWordChar(runes, i + 1)),
            '+' or '=' => At(runes, i + 1) == c || At(runes, i - 1) == c,
            ':' => (At(runes, i + 1) == '/' && At(runes, i + 2) == '/') || EndsWord(runes, i, "mailto") || EndsWord(runes, i, "tel"),
            '.' => EndsWord(runes, i, "www") || IsOrderedListMarker(runes, i),
            ')' => IsOrderedListMarker(runes, i),
            _ => false,
        };
    }

    /// <summary>The runes to write: secrets scrubbed, format characters dropped, white space and controls as single spaces, at most <paramref name="maxLength"/>.</summary>
    private static List<Rune> Clean(string text, int maxLength, out bool cut)
    {
        var runes = new List<Rune>(Math.Min(text.Length, maxLength));
        var space = false;
        cut = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (runes.Count == maxLength)
            {
                cut = true;
                break;
            }

            // Zero-width and direction marks (a reversed "exe.txt") are dropped outright.
            if (Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format) continue;
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                space = runes.Count > 0;
                continue;
            }

            if (space)
            {
                runes.Add(new Rune(' '));
                space = false;
            }

            runes.Add(rune);
        }

        return runes;
    }

    private static char At(List<Rune> runes, int i) => i >= 0 && i < runes.Count && runes[i].Value < 0x80 ? (char)runes[i].Value : '\0';

    private static bool IsWordChar(List<Rune> runes, int i) => i >= 0 && i < runes.Count && Rune.IsLetterOrDigit(runes[i]);

    /// <summary>Whether the runes before <paramref name="i"/> are <paramref name="word"/> (any case) at a word's start.</summary>
    private static bool EndsWord(List<Rune> runes, int i, string word)
    {
        var start = i - word.Length;
        if (start < 0 || IsWordChar(runes, start - 1)) return false;
        for (var k = 0; k < word.Length; k++)
        {
            if (char.ToLowerInvariant(At(runes, start + k)) != word[k]) return false;
        }

        return true;
    }

    /// <summary>A '.' or ')' after the leading digits of the text and before a space (or the end): an ordered list's marker when the text starts a paragraph.</summary>
    private static bool IsOrderedListMarker(List<Rune> runes, int i)
    {
        if (i == 0 || i > 9 || (i + 1 < runes.Count && At(runes, i + 1) != ' ')) return false;
        for (var k = 0; k < i; k++)
        {
            if (At(runes, k) is < '0' or > '9') return false;
        }

        return true;
    }
}
