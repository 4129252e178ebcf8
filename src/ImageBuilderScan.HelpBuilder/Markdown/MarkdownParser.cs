using System.Text.RegularExpressions;

namespace ImageBuilderScan.HelpBuilder.Markdown;

/// <summary>
/// Splits help markdown into front matter, ATX headings, paragraphs and fenced code blocks: the
/// subset PlatyPS writes. Anything it cannot place (an unclosed fence, a front matter line that is not
/// `key: value`) is an error naming the line.
/// </summary>
internal static partial class MarkdownParser
{
    public static MarkdownDocument Parse(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var index = 0;
        var frontMatter = ReadFrontMatter(file, lines, ref index);
        var blocks = new List<MarkdownBlock>();
        while (index < lines.Length)
        {
            var line = lines[index];
            if (string.IsNullOrWhiteSpace(line))
            {
                index++;
            }
            else if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(ReadFence(file, lines, ref index));
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                blocks.Add(new HeadingBlock(index + 1, heading.Groups[1].Length, heading.Groups[2].Value.Trim()));
                index++;
            }
            else
            {
                blocks.Add(ReadParagraph(lines, ref index));
            }
        }

        return new MarkdownDocument(file, frontMatter, blocks);
    }

    private static Dictionary<string, string> ReadFrontMatter(string file, string[] lines, ref int index)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Length == 0 || lines[0].Trim() != "---") throw new HelpFormatException(file, 1, "expected front matter: the file must start with a '---' line.");
        for (index = 1; index < lines.Length; index++)
        {
            var line = lines[index];
            if (line.Trim() == "---")
            {
                index++;
                return result;
            }

            if (string.IsNullOrWhiteSpace(line)) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new HelpFormatException(file, index + 1, $"front matter line is not 'key: value': '{line}'.");
            result[line[..colon].Trim()] = Yaml.Unquote(line[(colon + 1)..].Trim());
        }

        throw new HelpFormatException(file, 1, "front matter is not closed by a '---' line.");
    }

    private static CodeBlock ReadFence(string file, string[] lines, ref int index)
    {
        var start = index;
        var info = lines[index].Trim()[3..].Trim();
        var body = new List<string>();
        for (index++; index < lines.Length; index++)
        {
            if (lines[index].Trim() == "```")
            {
                index++;
                return new CodeBlock(start + 1, info, string.Join('\n', body));
            }

            body.Add(lines[index]);
        }

        throw new HelpFormatException(file, start + 1, "code fence is never closed.");
    }

    private static ParagraphBlock ReadParagraph(string[] lines, ref int index)
    {
        var start = index;
        var body = new List<string>();
        while (index < lines.Length && !string.IsNullOrWhiteSpace(lines[index])
            && !lines[index].TrimStart().StartsWith("```", StringComparison.Ordinal) && !Heading().IsMatch(lines[index]))
        {
            body.Add(lines[index].TrimEnd());
            index++;
        }

        return new ParagraphBlock(start + 1, body);
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+)$")]
    private static partial Regex Heading();
}
