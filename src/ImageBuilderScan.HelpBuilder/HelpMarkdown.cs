using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// One help markdown file parsed by Markdig (CommonMark with YAML front matter, as PlatyPS 1.0 reads
/// it): the front matter and the top-level blocks after it, with their source text and 1-based lines.
/// Prose keeps its markdown source, as Get-Help shows it as text.
/// </summary>
internal sealed class HelpMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePreciseSourceLocation().Build();

    private readonly string text;

    private HelpMarkdown(string file, string text, HelpYaml frontMatter, IReadOnlyList<Block> blocks)
    {
        File = file;
        this.text = text;
        FrontMatter = frontMatter;
        Blocks = blocks;
    }

    public string File { get; }

    public HelpYaml FrontMatter { get; }

    public IReadOnlyList<Block> Blocks { get; }

    public static HelpMarkdown Parse(string file, string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var document = Markdig.Markdown.Parse(text, Pipeline);
        if (document.FirstOrDefault() is not YamlFrontMatterBlock frontMatter)
        {
            throw new HelpFormatException(file, 1, text.StartsWith("---", StringComparison.Ordinal)
                ? "front matter is not closed by a '---' line."
                : "expected front matter: the file must start with a '---' line.");
        }

        // CommonMark lets an unclosed fence run to the end of the file; PlatyPS never writes one, and
        // everything after it would silently become code.
        var unclosed = document.Descendants<FencedCodeBlock>().FirstOrDefault(c => c.ClosingFencedCharCount == 0);
        if (unclosed is not null) throw new HelpFormatException(file, LineOf(unclosed), "code fence is never closed.");
        var setext = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.IsSetext);
        if (setext is not null) throw new HelpFormatException(file, LineOf(setext), "underlined (setext) heading; PlatyPS writes '#' headings.");

        var yaml = HelpYaml.Load(file, LineOf(frontMatter), frontMatter.Lines.ToString(), "front matter");
        return new HelpMarkdown(file, text, yaml, document.Skip(1).ToList());
    }

    public static int LineOf(Block block) => block.Line + 1;

    /// <summary>A heading's text, without its '#' marks.</summary>
    public string Text(HeadingBlock heading) =>
        heading.Inline is { } inline && !inline.Span.IsEmpty ? Source(inline.Span).Trim() : "";

    /// <summary>
    /// A block as one Get-Help paragraph: a fenced code block verbatim, anything else as its source on
    /// one line (Get-Help wraps paragraphs to the console width itself).
    /// </summary>
    public string Paragraph(Block block) => block is FencedCodeBlock code
        ? Code(code)
        : string.Join(' ', Source(block.Span).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    public static string Code(FencedCodeBlock code) => code.Lines.ToString();

    public string Source(SourceSpan span) => text.Substring(span.Start, span.Length);
}
