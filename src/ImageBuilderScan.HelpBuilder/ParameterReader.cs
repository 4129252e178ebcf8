using Markdig.Syntax;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// Reads PARAMETERS: per '### -Name', the description, then one ```yaml block in PlatyPS 1.0's keys
/// (Type, DefaultValue, SupportsWildcards, Aliases, ParameterSets, AcceptedValues, ...).
/// </summary>
internal sealed class ParameterReader(HelpMarkdown markdown, ContentReader content)
{
    private string File => markdown.File;

    public List<ParameterHelp> Parameters(Section section)
    {
        var result = new List<ParameterHelp>();
        foreach (var (title, line, body) in Sections.Subsections(markdown, section))
        {
            if (title is "CommonParameters" or "WorkflowCommonParameters") continue;
            if (!title.StartsWith('-') || title.Length < 2)
                throw new HelpFormatException(File, line, $"parameter heading '### {title}' should be '### -<Name>'.");
            var yamlBlocks = body.OfType<FencedCodeBlock>().Where(c => c.Info == "yaml").ToList();
            if (yamlBlocks.Count != 1) throw new HelpFormatException(File, line, $"parameter {title} needs exactly one ```yaml block, found {yamlBlocks.Count}.");
            var yaml = yamlBlocks[0];
            // PlatyPS writes the description before the YAML; anything after it would be dropped from the help.
            if (body[^1] != yaml) throw new HelpFormatException(File, HelpMarkdown.LineOf(body[body.IndexOf(yaml) + 1]), $"parameter {title}: text after its ```yaml block; the description goes before it.");
            result.Add(Parameter(title[1..], content.Paragraphs(body.TakeWhile(b => b != yaml)), yaml));
        }

        if (result.Count == 0) throw new HelpFormatException(File, section.Line, "PARAMETERS documents no parameter.");
        return result;
    }

    private ParameterHelp Parameter(string name, List<string> description, FencedCodeBlock yamlBlock)
    {
        var context = $"parameter -{name}: ";
        var yaml = HelpYaml.Load(File, HelpMarkdown.LineOf(yamlBlock), HelpMarkdown.Code(yamlBlock), context.TrimEnd(' ', ':') + " YAML");
        var sets = yaml.Maps("ParameterSets", context);
        if (sets.Count == 0)
            throw new HelpFormatException(File, yaml.LineOf("ParameterSets"), $"{context}YAML 'ParameterSets' must list at least one '- Name: <set>' entry.");
        var setHelp = sets.Select(set => new ParameterSetHelp(
            Required(set, "Name", context),
            set.Scalar("Position", context) ?? "Named",
            Flag(set, "IsRequired", context, null),
            Flag(set, "ValueFromPipeline", context, null),
            Flag(set, "ValueFromPipelineByPropertyName", context, null))).ToList();
        var type = yaml.Scalar("Type", context) ?? "";
        if (type.Length == 0) throw new HelpFormatException(File, yaml.LineOf("Type"), $"{context}YAML 'Type' is missing.");
        return new ParameterHelp(name, description, type, yaml.Scalar("DefaultValue", context) ?? "None", Flag(yaml, "SupportsWildcards", context, false),
            yaml.List("Aliases", context), setHelp, yaml.List("AcceptedValues", context));
    }

    private string Required(HelpYaml map, string key, string context) =>
        map.Scalar(key, context) ?? throw new HelpFormatException(File, map.Line, $"{context}a ParameterSets entry has no '{key}'.");

    /// <summary>true or false (any case, as PlatyPS reads it); YAML 1.1's yes/no/on/off are refused.</summary>
    private bool Flag(HelpYaml map, string key, string context, bool? fallback)
    {
        var value = fallback is null ? Required(map, key, context) : map.Scalar(key, context);
        return value?.ToLowerInvariant() switch
        {
            null => fallback!.Value,
            "true" => true,
            "false" => false,
            _ => throw new HelpFormatException(File, map.LineOf(key), $"{context}'{value}' is not true or false."),
        };
    }
}
