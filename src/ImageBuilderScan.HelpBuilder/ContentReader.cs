using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>Reads the prose, syntax, example, type and link sections of one file; errors name that file and the line.</summary>
internal sealed class ContentReader(HelpMarkdown markdown)
{
    private string File => markdown.File;

    /// <summary>Blocks as Get-Help paragraphs; a code block in prose is kept verbatim as one.</summary>
    public List<string> Paragraphs(IEnumerable<Block> blocks) => blocks.Select(block => block is HeadingBlock heading
        ? throw new HelpFormatException(File, HelpMarkdown.LineOf(heading), $"unexpected heading '{markdown.Text(heading)}' here.")
        : markdown.Paragraph(block)).ToList();

    public List<SyntaxHelp> Syntax(string commandName, Section section, List<ParameterHelp> parameters)
    {
        var result = new List<SyntaxHelp>();
        foreach (var (title, line, body) in Sections.Subsections(markdown, section))
        {
            var isDefault = title.EndsWith("(Default)", StringComparison.Ordinal);
            var setName = isDefault ? title[..^"(Default)".Length].Trim() : title;
            if (body is not [FencedCodeBlock code]) throw new HelpFormatException(File, line, $"syntax of set '{setName}' should be one code block.");
            var codeLine = HelpMarkdown.LineOf(code);
            var syntax = HelpMarkdown.Code(code).Trim();
            if (!syntax.StartsWith(commandName + " ", StringComparison.OrdinalIgnoreCase) && syntax != commandName)
                throw new HelpFormatException(File, codeLine, $"syntax line should start with '{commandName}'.");
            var names = CommandHelpReader.SyntaxParameter().Matches(syntax).Select(m => m.Groups[1].Value).ToList();
            foreach (var name in names.Where(n => !parameters.Any(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
                throw new HelpFormatException(File, codeLine, $"syntax of set '{setName}' names -{name}, which PARAMETERS does not document.");
            foreach (var p in parameters.Where(p => p.In(setName) is not null && !names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                throw new HelpFormatException(File, codeLine, $"parameter -{p.Name} belongs to set '{setName}' (its ParameterSets) but the syntax line omits it.");
            foreach (var p in parameters.Where(p => p.In(setName) is null && names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                throw new HelpFormatException(File, codeLine, $"syntax of set '{setName}' names -{p.Name}, whose ParameterSets do not include that set.");
            result.Add(new SyntaxHelp(setName, isDefault, names.Select(n => parameters.First(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)).Name).ToList()));
        }

        if (result.Count == 0) throw new HelpFormatException(File, section.Line, "SYNTAX has no '### <set name>' subsection.");
        return result;
    }

    /// <summary>Prose before the first code block is the introduction; the code blocks are the code; prose after is the remarks.</summary>
    public List<ExampleHelp> Examples(Section section)
    {
        var result = new List<ExampleHelp>();
        foreach (var (title, line, body) in Sections.Subsections(markdown, section))
        {
            var code = body.OfType<FencedCodeBlock>().ToList();
            if (code.Count == 0) throw new HelpFormatException(File, line, $"example '{title}' has no code block.");
            var introduction = Paragraphs(body.TakeWhile(b => b is not FencedCodeBlock));
            var remarks = Paragraphs(body.SkipWhile(b => b is not FencedCodeBlock).Where(b => b is not FencedCodeBlock));
            result.Add(new ExampleHelp(title, introduction, string.Join("\n\n", code.Select(HelpMarkdown.Code)), remarks));
        }

        if (result.Count == 0) throw new HelpFormatException(File, section.Line, "EXAMPLES has no '### Example' subsection.");
        return result;
    }

    public List<TypeHelp> Types(Section section) =>
        Sections.Subsections(markdown, section).Select(s => new TypeHelp(s.Title, Paragraphs(s.Body))).ToList();

    /// <summary>RELATED LINKS is a bullet list whose every item is exactly one '[text](uri)' link.</summary>
    public List<LinkHelp> Links(Section section)
    {
        var result = new List<LinkHelp>();
        foreach (var block in section.Blocks)
        {
            if (block is not ListBlock { IsOrdered: false } list)
                throw new HelpFormatException(File, HelpMarkdown.LineOf(block), "RELATED LINKS should hold only '- [text](uri)' lines.");
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (item is not [ParagraphBlock { Inline: { } inline }] || inline.Count() != 1 || inline.FirstChild is not LinkInline { IsImage: false } link)
                    throw new HelpFormatException(File, HelpMarkdown.LineOf(item), $"related link is not '- [text](uri)': '{markdown.Source(item.Span).Split('\n')[0]}'.");
                result.Add(new LinkHelp(markdown.Source(link.LabelSpan), link.Url ?? ""));
            }
        }

        return result;
    }
}
