using System.Text.RegularExpressions;
using ImageBuilderScan.HelpBuilder.Markdown;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// Reads one PlatyPS 1.0 cmdlet markdown file (schema 2024-05-01) into a <see cref="CommandHelp"/>.
/// Checks what Get-Help would otherwise show wrong: every syntax line names only documented
/// parameters, and each parameter's sets agree with the syntax lines.
/// </summary>
internal static partial class CommandHelpReader
{
    public const string SchemaVersion = "2024-05-01";

    private static readonly string[] KnownSections = ["SYNOPSIS", "SYNTAX", "ALIASES", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];
    private static readonly string[] RequiredSections = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS"];

    public static CommandHelp Read(string file, string text)
    {
        var document = MarkdownParser.Parse(file, text);
        var schema = document.FrontMatter.GetValueOrDefault("PlatyPS schema version");
        if (schema != SchemaVersion)
            throw new HelpFormatException(file, 1, $"front matter 'PlatyPS schema version' is '{schema}', expected '{SchemaVersion}' (Microsoft.PowerShell.PlatyPS 1.0 markdown).");
        var title = document.FrontMatter.GetValueOrDefault("title");
        if (string.IsNullOrEmpty(title)) throw new HelpFormatException(file, 1, "front matter has no 'title' (the cmdlet name).");

        var blocks = document.Blocks;
        if (blocks.Count == 0 || blocks[0] is not HeadingBlock { Level: 1 } h1)
            throw new HelpFormatException(file, blocks.FirstOrDefault()?.Line ?? 1, "expected '# <cmdlet name>' after the front matter.");
        if (h1.Text != title) throw new HelpFormatException(file, h1.Line, $"heading '{h1.Text}' does not match the front matter title '{title}'.");

        var sections = Sections(file, blocks.Skip(1).ToList(), h1.Line);
        var context = new SectionReader(file);
        var parameters = context.Parameters(sections["PARAMETERS"]);
        var syntax = context.Syntax(title, sections["SYNTAX"], parameters);
        var onlineUri = document.FrontMatter.GetValueOrDefault("HelpUri");
        return new CommandHelp(
            title,
            string.Join(' ', context.Paragraphs(sections["SYNOPSIS"])),
            context.Paragraphs(sections["DESCRIPTION"]),
            syntax,
            parameters,
            context.Examples(sections["EXAMPLES"]),
            context.Types(sections.GetValueOrDefault("INPUTS") ?? Section.Empty),
            context.Types(sections.GetValueOrDefault("OUTPUTS") ?? Section.Empty),
            context.Paragraphs(sections.GetValueOrDefault("NOTES") ?? Section.Empty),
            context.Links(sections.GetValueOrDefault("RELATED LINKS") ?? Section.Empty),
            string.IsNullOrWhiteSpace(onlineUri) ? null : onlineUri);
    }

    private static Dictionary<string, Section> Sections(string file, List<MarkdownBlock> blocks, int h1Line)
    {
        var result = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                if (heading.Level == 1) throw new HelpFormatException(file, heading.Line, "a second '#' heading: one cmdlet per file.");
                var name = heading.Text.ToUpperInvariant();
                if (!KnownSections.Contains(name)) throw new HelpFormatException(file, heading.Line, $"unknown section '## {heading.Text}'; expected one of {string.Join(", ", KnownSections)}.");
                if (result.ContainsKey(name)) throw new HelpFormatException(file, heading.Line, $"section '## {heading.Text}' appears twice.");
                result[name] = current = new Section(heading.Line, []);
            }
            else if (current is null)
            {
                throw new HelpFormatException(file, block.Line, "content before the first '##' section.");
            }
            else
            {
                current.Blocks.Add(block);
            }
        }

        foreach (var required in RequiredSections)
        {
            if (!result.ContainsKey(required)) throw new HelpFormatException(file, h1Line, $"missing section '## {required}'.");
        }

        return result;
    }

    internal sealed record Section(int Line, List<MarkdownBlock> Blocks)
    {
        public static Section Empty { get; } = new(0, []);
    }

    [GeneratedRegex(@"(?:^|[\s\[])-([A-Za-z][\w]*)")]
    internal static partial Regex SyntaxParameter();

    [GeneratedRegex(@"^\s*[-*]\s+\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)\s*$")]
    internal static partial Regex LinkItem();
}
