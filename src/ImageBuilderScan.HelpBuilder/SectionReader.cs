using ImageBuilderScan.HelpBuilder.Markdown;
using Section = ImageBuilderScan.HelpBuilder.CommandHelpReader.Section;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>Reads the body of each '##' section of one file; errors name that file and the line.</summary>
internal sealed class SectionReader(string file)
{
    /// <summary>Paragraphs as Get-Help paragraphs; a code block in prose is kept verbatim as one.</summary>
    public List<string> Paragraphs(Section section) => Paragraphs(section.Blocks);

    public List<string> Paragraphs(IEnumerable<MarkdownBlock> blocks) => blocks.Select(block => block switch
    {
        ParagraphBlock p => p.Text,
        CodeBlock c => c.Code,
        _ => throw new HelpFormatException(file, block.Line, $"unexpected heading '{((HeadingBlock)block).Text}' here."),
    }).ToList();

    public List<ParameterHelp> Parameters(Section section)
    {
        var result = new List<ParameterHelp>();
        foreach (var (heading, body) in Subsections(section))
        {
            if (heading.Text is "CommonParameters" or "WorkflowCommonParameters") continue;
            if (!heading.Text.StartsWith('-') || heading.Text.Length < 2)
                throw new HelpFormatException(file, heading.Line, $"parameter heading '### {heading.Text}' should be '### -<Name>'.");
            var yamlBlocks = body.OfType<CodeBlock>().Where(c => c.Info == "yaml").ToList();
            if (yamlBlocks.Count != 1) throw new HelpFormatException(file, heading.Line, $"parameter {heading.Text} needs exactly one ```yaml block, found {yamlBlocks.Count}.");
            var yaml = yamlBlocks[0];
            var prose = body.TakeWhile(b => b != yaml).ToList();
            result.Add(Parameter(heading.Text[1..], Paragraphs(prose), yaml));
        }

        if (result.Count == 0) throw new HelpFormatException(file, section.Line, "PARAMETERS documents no parameter.");
        return result;
    }

    private ParameterHelp Parameter(string name, List<string> description, CodeBlock yaml)
    {
        var block = Yaml.Parse(file, yaml.Line, yaml.Code);
        var values = block.Values;
        string Scalar(string key, string? fallback = null) => values.GetValueOrDefault(key) switch
        {
            string s => s,
            List<string> { Count: 0 } when fallback is not null => fallback,
            null when fallback is not null => fallback,
            _ => throw new HelpFormatException(file, block.LineOf(key), $"parameter -{name}: YAML key '{key}' must be a single value."),
        };
        List<string> List(string key) => values.GetValueOrDefault(key) switch
        {
            null => [],
            List<string> l => l,
            _ => throw new HelpFormatException(file, block.LineOf(key), $"parameter -{name}: YAML key '{key}' must be a list of values."),
        };

        if (values.GetValueOrDefault("ParameterSets") is not List<Dictionary<string, string>> sets || sets.Count == 0)
            throw new HelpFormatException(file, block.LineOf("ParameterSets"), $"parameter -{name}: YAML 'ParameterSets' must list at least one '- Name: <set>' entry.");
        string Entry(int i, string key) => sets[i].GetValueOrDefault(key)
            ?? throw new HelpFormatException(file, block.LineOf($"ParameterSets[{i}]"), $"parameter -{name}: a ParameterSets entry has no '{key}'.");
        bool Flag(int i, string key) => Bool(name, block.LineOf($"ParameterSets[{i}].{key}"), Entry(i, key));
        var setHelp = sets.Select((s, i) => new ParameterSetHelp(
            Entry(i, "Name"),
            s.GetValueOrDefault("Position") ?? "Named",
            Flag(i, "IsRequired"),
            Flag(i, "ValueFromPipeline"),
            Flag(i, "ValueFromPipelineByPropertyName"))).ToList();
        var type = Scalar("Type", "");
        if (type.Length == 0) throw new HelpFormatException(file, block.LineOf("Type"), $"parameter -{name}: YAML 'Type' is missing.");
        return new ParameterHelp(name, description, type, Scalar("DefaultValue", "None"), Bool(name, block.LineOf("SupportsWildcards"), Scalar("SupportsWildcards", "false")),
            List("Aliases"), setHelp, List("AcceptedValues"));
    }

    private bool Bool(string name, int line, string value) => value.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new HelpFormatException(file, line, $"parameter -{name}: '{value}' is not true or false."),
    };

    public List<SyntaxHelp> Syntax(string commandName, Section section, List<ParameterHelp> parameters)
    {
        var result = new List<SyntaxHelp>();
        foreach (var (heading, body) in Subsections(section))
        {
            var isDefault = heading.Text.EndsWith("(Default)", StringComparison.Ordinal);
            var setName = isDefault ? heading.Text[..^"(Default)".Length].Trim() : heading.Text;
            var code = body.OfType<CodeBlock>().ToList();
            if (code.Count != 1 || body.Count != 1) throw new HelpFormatException(file, heading.Line, $"syntax of set '{setName}' should be one code block.");
            var line = code[0].Code.Trim();
            if (!line.StartsWith(commandName + " ", StringComparison.OrdinalIgnoreCase) && line != commandName)
                throw new HelpFormatException(file, code[0].Line, $"syntax line should start with '{commandName}'.");
            var names = CommandHelpReader.SyntaxParameter().Matches(line).Select(m => m.Groups[1].Value).ToList();
            foreach (var name in names.Where(n => !parameters.Any(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
                throw new HelpFormatException(file, code[0].Line, $"syntax of set '{setName}' names -{name}, which PARAMETERS does not document.");
            foreach (var p in parameters.Where(p => p.In(setName) is not null && !names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                throw new HelpFormatException(file, code[0].Line, $"parameter -{p.Name} belongs to set '{setName}' (its ParameterSets) but the syntax line omits it.");
            foreach (var p in parameters.Where(p => p.In(setName) is null && names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
                throw new HelpFormatException(file, code[0].Line, $"syntax of set '{setName}' names -{p.Name}, whose ParameterSets do not include that set.");
            result.Add(new SyntaxHelp(setName, isDefault, names.Select(n => parameters.First(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)).Name).ToList()));
        }

        if (result.Count == 0) throw new HelpFormatException(file, section.Line, "SYNTAX has no '### <set name>' subsection.");
        return result;
    }

    public List<ExampleHelp> Examples(Section section)
    {
        var result = new List<ExampleHelp>();
        foreach (var (heading, body) in Subsections(section))
        {
            var code = body.OfType<CodeBlock>().ToList();
            if (code.Count == 0) throw new HelpFormatException(file, heading.Line, $"example '{heading.Text}' has no code block.");
            var introduction = Paragraphs(body.TakeWhile(b => b is not CodeBlock));
            var remarks = Paragraphs(body.SkipWhile(b => b is not CodeBlock).Where(b => b is not CodeBlock));
            result.Add(new ExampleHelp(heading.Text, introduction, string.Join("\n\n", code.Select(c => c.Code)), remarks));
        }

        if (result.Count == 0) throw new HelpFormatException(file, section.Line, "EXAMPLES has no '### Example' subsection.");
        return result;
    }

    public List<TypeHelp> Types(Section section) =>
        Subsections(section).Select(s => new TypeHelp(s.Heading.Text, Paragraphs(s.Body))).ToList();

    public List<LinkHelp> Links(Section section)
    {
        var result = new List<LinkHelp>();
        foreach (var block in section.Blocks)
        {
            if (block is not ParagraphBlock paragraph) throw new HelpFormatException(file, block.Line, "RELATED LINKS should hold only '- [text](uri)' lines.");
            for (var i = 0; i < paragraph.Lines.Count; i++)
            {
                var match = CommandHelpReader.LinkItem().Match(paragraph.Lines[i]);
                if (!match.Success) throw new HelpFormatException(file, paragraph.Line + i, $"related link is not '- [text](uri)': '{paragraph.Lines[i]}'.");
                result.Add(new LinkHelp(match.Groups["text"].Value, match.Groups["uri"].Value));
            }
        }

        return result;
    }

    /// <summary>'###' subsections of a section; content before the first one is an error.</summary>
    private List<(HeadingBlock Heading, List<MarkdownBlock> Body)> Subsections(Section section)
    {
        var result = new List<(HeadingBlock, List<MarkdownBlock>)>();
        foreach (var block in section.Blocks)
        {
            if (block is HeadingBlock { Level: 3 } heading) result.Add((heading, []));
            else if (result.Count == 0) throw new HelpFormatException(file, block.Line, "expected a '###' heading here.");
            else if (block is HeadingBlock deeper) throw new HelpFormatException(file, deeper.Line, $"unexpected heading level {deeper.Level}: '{deeper.Text}'.");
            else result[^1].Item2.Add(block);
        }

        return result;
    }
}
