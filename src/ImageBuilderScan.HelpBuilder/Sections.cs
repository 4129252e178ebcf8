using Markdig.Syntax;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>A '##' section: the line of its heading and the blocks under it.</summary>
internal sealed record Section(int Line, List<Block> Blocks)
{
    public static Section Empty { get; } = new(0, []);
}

/// <summary>A '###' subsection: its heading text and line, and the blocks under it.</summary>
internal sealed record Subsection(string Title, int Line, List<Block> Body);

/// <summary>Splits a file into its '##' sections and a section into its '###' subsections, in PlatyPS's layout.</summary>
internal static class Sections
{
    private static readonly string[] Known = ["SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];
    private static readonly string[] Required = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    /// <summary>The sections after the '#' heading (on h1Line), by upper-case name.</summary>
    public static Dictionary<string, Section> Split(HelpMarkdown markdown, IEnumerable<Block> blocks, int h1Line)
    {
        var file = markdown.File;
        var result = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                var line = HelpMarkdown.LineOf(heading);
                var text = markdown.Text(heading);
                if (heading.Level == 1) throw new HelpFormatException(file, line, "a second '#' heading: one cmdlet per file.");
                var name = text.ToUpperInvariant();
                if (!Known.Contains(name)) throw new HelpFormatException(file, line, $"unknown section '## {text}'; expected one of {string.Join(", ", Known)}.");
                if (result.ContainsKey(name)) throw new HelpFormatException(file, line, $"section '## {text}' appears twice.");
                result[name] = current = new Section(line, []);
            }
            else if (current is null)
            {
                throw new HelpFormatException(file, HelpMarkdown.LineOf(block), "content before the first '##' section.");
            }
            else
            {
                current.Blocks.Add(block);
            }
        }

        foreach (var required in Required)
        {
            if (!result.ContainsKey(required)) throw new HelpFormatException(file, h1Line, $"missing section '## {required}'.");
        }

        return result;
    }

    /// <summary>'###' subsections of a section; content before the first one, or a deeper heading, is an error.</summary>
    public static List<Subsection> Subsections(HelpMarkdown markdown, Section section)
    {
        var result = new List<Subsection>();
        foreach (var block in section.Blocks)
        {
            var line = HelpMarkdown.LineOf(block);
            if (block is HeadingBlock { Level: 3 } heading) result.Add(new Subsection(markdown.Text(heading), line, []));
            else if (result.Count == 0) throw new HelpFormatException(markdown.File, line, "expected a '###' heading here.");
            else if (block is HeadingBlock deeper) throw new HelpFormatException(markdown.File, line, $"unexpected heading level {deeper.Level}: '{markdown.Text(deeper)}'.");
            else result[^1].Body.Add(block);
        }

        return result;
    }
}
