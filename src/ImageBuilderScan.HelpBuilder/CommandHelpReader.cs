using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// Reads one PlatyPS 1.0 cmdlet markdown file (schema 2024-05-01) into a <see cref="CommandHelp"/>.
/// Checks what Get-Help would otherwise show wrong: every syntax line names only documented
/// parameters, and each parameter's sets agree with the syntax lines.
/// </summary>
internal static partial class CommandHelpReader
{
    public const string SchemaVersion = "2024-05-01";

    public static CommandHelp Read(string file, string text)
    {
        var markdown = HelpMarkdown.Parse(file, text);
        var frontMatter = markdown.FrontMatter;
        const string InFrontMatter = "front matter: ";
        var schema = frontMatter.Scalar("PlatyPS schema version", InFrontMatter);
        if (schema != SchemaVersion)
            throw new HelpFormatException(file, frontMatter.LineOf("PlatyPS schema version"), $"front matter 'PlatyPS schema version' is '{schema}', expected '{SchemaVersion}' (Microsoft.PowerShell.PlatyPS 1.0 markdown).");
        var title = frontMatter.Scalar("title", InFrontMatter);
        if (string.IsNullOrEmpty(title)) throw new HelpFormatException(file, frontMatter.LineOf("title"), "front matter has no 'title' (the cmdlet name).");

        var blocks = markdown.Blocks;
        if (blocks.Count == 0 || blocks[0] is not HeadingBlock { Level: 1 } h1)
            throw new HelpFormatException(file, blocks.Count == 0 ? 1 : HelpMarkdown.LineOf(blocks[0]), "expected '# <cmdlet name>' after the front matter.");
        var h1Line = HelpMarkdown.LineOf(h1);
        if (markdown.Text(h1) != title) throw new HelpFormatException(file, h1Line, $"heading '{markdown.Text(h1)}' does not match the front matter title '{title}'.");

        var sections = Sections.Split(markdown, blocks.Skip(1), h1Line);
        var content = new ContentReader(markdown);
        var parameters = new ParameterReader(markdown, content).Parameters(sections["PARAMETERS"]);
        var onlineUri = frontMatter.Scalar("HelpUri", InFrontMatter);
        return new CommandHelp(
            title,
            string.Join(' ', content.Paragraphs(sections["SYNOPSIS"].Blocks)),
            content.Paragraphs(sections["DESCRIPTION"].Blocks),
            content.Syntax(title, sections["SYNTAX"], parameters),
            parameters,
            content.Examples(sections["EXAMPLES"]),
            content.Types(sections.GetValueOrDefault("INPUTS") ?? Section.Empty),
            content.Types(sections.GetValueOrDefault("OUTPUTS") ?? Section.Empty),
            content.Paragraphs((sections.GetValueOrDefault("NOTES") ?? Section.Empty).Blocks),
            content.Links(sections.GetValueOrDefault("RELATED LINKS") ?? Section.Empty),
            string.IsNullOrWhiteSpace(onlineUri) ? null : onlineUri);
    }

    [GeneratedRegex(@"(?:^|[\s\[])-([A-Za-z][\w]*)")]
    internal static partial Regex SyntaxParameter();
}
