namespace ImageBuilderScan.HelpBuilder.Markdown;

/// <summary>A top-level block of a help markdown file, with the line it starts on (1-based).</summary>
internal abstract record MarkdownBlock(int Line);

internal sealed record HeadingBlock(int Line, int Level, string Text) : MarkdownBlock(Line);

/// <summary>Consecutive non-blank lines, kept as lines (list items stay one per line).</summary>
internal sealed record ParagraphBlock(int Line, IReadOnlyList<string> Lines) : MarkdownBlock(Line)
{
    /// <summary>The paragraph as one line of text, as Get-Help wraps it to the console width itself.</summary>
    public string Text => string.Join(' ', Lines.Select(l => l.Trim()));
}

/// <summary>A fenced code block; Info is what follows the opening fence (yaml, powershell or empty).</summary>
internal sealed record CodeBlock(int Line, string Info, string Code) : MarkdownBlock(Line);

/// <summary>The parsed file: front matter keys and the blocks after it.</summary>
internal sealed record MarkdownDocument(string File, IReadOnlyDictionary<string, string> FrontMatter, IReadOnlyList<MarkdownBlock> Blocks);
