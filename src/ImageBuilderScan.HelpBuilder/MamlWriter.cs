using System.Xml.Linq;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// Writes commands as the MAML PowerShell's help system reads for a binary module, in the shape
/// PlatyPS writes it: helpItems / command:command with details, description, syntax, parameters,
/// inputTypes, returnValues, alertSet, examples, relatedLinks.
/// </summary>
internal static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        var dash = help.Name.IndexOf('-', StringComparison.Ordinal);
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", dash > 0 ? help.Name[..dash] : help.Name),
                new XElement(Command + "noun", dash > 0 ? help.Name[(dash + 1)..] : ""),
                Paras(Maml + "description", [help.Synopsis])),
            Paras(Maml + "description", help.Description),
            new XElement(Command + "syntax", help.Syntax.Select(s => SyntaxItem(help, s))),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, null))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeEntry(Command + "inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeEntry(Command + "returnValue", t))),
            new XElement(Maml + "alertSet", help.Notes.Count == 0 ? null : Paras(Maml + "alert", help.Notes)),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", Links(help).Select(l =>
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", l.Text), new XElement(Maml + "uri", l.Uri)))));
    }

    private static XElement SyntaxItem(CommandHelp help, SyntaxHelp syntax) =>
        new(Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            syntax.ParameterNames.Select(n => Parameter(help.Parameters.Single(p => p.Name == n), syntax.SetName)));

    /// <summary>
    /// A parameter in a syntax item (setName given: that set's required/position/pipeline input) or in
    /// command:parameters (null: required in any set, first set's position, any pipeline binding).
    /// </summary>
    private static XElement Parameter(ParameterHelp p, string? setName)
    {
        IReadOnlyList<ParameterSetHelp> sets = setName is null ? p.Sets : [p.In(setName)!];
        var required = sets.Any(s => s.IsRequired);
        var isArray = p.TypeName.EndsWith("[]", StringComparison.Ordinal);
        var inSyntax = setName is not null;
        return new XElement(Command + "parameter",
            new XAttribute("required", Lower(required)),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", Lower(p.SupportsWildcards)),
            new XAttribute("pipelineInput", PipelineInput(sets)),
            new XAttribute("position", Position(sets[0].Position)),
            new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
            new XElement(Maml + "name", p.Name),
            Paras(Maml + "description", p.Description),
            // Get-Help shows a switch in syntax as [-Name], without a value.
            inSyntax && p.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", p.AcceptedValues.Select(v =>
                    new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute(Command + "variableLength", "false"), v)))
                : null,
            inSyntax && p.IsSwitch
                ? null
                : new XElement(Command + "parameterValue", new XAttribute("required", Lower(!p.IsSwitch)), new XAttribute("variableLength", Lower(isArray)), ShortName(p.TypeName)),
            new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", p.DefaultValue));
    }

    /// <summary>As PlatyPS and PowerShell's own help write it: False, True (ByValue), True (ByPropertyName), True (ByValue, ByPropertyName).</summary>
    internal static string PipelineInput(IEnumerable<ParameterSetHelp> sets)
    {
        var list = sets.ToList();
        var kinds = new List<string>();
        if (list.Any(s => s.ByValue)) kinds.Add("ByValue");
        if (list.Any(s => s.ByPropertyName)) kinds.Add("ByPropertyName");
        return kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})";
    }

    private static string Position(string position) =>
        position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position;

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];

    private static XElement TypeEntry(XName name, TypeHelp type) =>
        new(name, new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)), Paras(Maml + "description", type.Description));

    private static XElement Example(ExampleHelp example) =>
        new(Command + "example",
            new XElement(Maml + "title", $"--------- {example.Title} ---------"),
            example.Introduction.Count == 0 ? null : Paras(Maml + "introduction", example.Introduction),
            new XElement(Dev + "code", example.Code),
            Paras(Dev + "remarks", example.Remarks));

    /// <summary>
    /// HelpUri first as "Online Version:" (what Get-Help -Online follows). Links to sibling markdown
    /// files become topic names without a URI, since Get-Help users read them as help topics.
    /// </summary>
    private static IEnumerable<LinkHelp> Links(CommandHelp help)
    {
        if (help.OnlineUri is not null) yield return new LinkHelp("Online Version:", help.OnlineUri);
        foreach (var link in help.RelatedLinks)
        {
            yield return Uri.TryCreate(link.Uri, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                ? link
                : link with { Uri = "" };
        }
    }

    private static XElement Paras(XName name, IEnumerable<string> paragraphs) =>
        new(name, paragraphs.Select(p => new XElement(Maml + "para", p)));

    private static string Lower(bool value) => value ? "true" : "false";
}
