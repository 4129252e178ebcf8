namespace ImageBuilderScan.HelpBuilder;

/// <summary>One cmdlet's help, as read from its PlatyPS markdown.</summary>
internal sealed record CommandHelp(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxHelp> Syntax,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkHelp> RelatedLinks,
    string? OnlineUri);

/// <summary>A parameter set: its name and the parameters its syntax line names, in that order.</summary>
internal sealed record SyntaxHelp(string SetName, bool IsDefault, IReadOnlyList<string> ParameterNames);

/// <summary>How a parameter takes part in one set ("(All)" for every set).</summary>
internal sealed record ParameterSetHelp(string Name, string Position, bool IsRequired, bool ByValue, bool ByPropertyName);

internal sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    string TypeName,
    string DefaultValue,
    bool SupportsWildcards,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<ParameterSetHelp> Sets,
    IReadOnlyList<string> AcceptedValues)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => TypeName is "System.Management.Automation.SwitchParameter" or "SwitchParameter";

    /// <summary>The entry for a set: its own, or the (All) one.</summary>
    public ParameterSetHelp? In(string setName) =>
        Sets.FirstOrDefault(s => string.Equals(s.Name, setName, StringComparison.OrdinalIgnoreCase))
        ?? Sets.FirstOrDefault(s => s.Name == AllSets);
}

/// <summary>An example: its heading, prose before the code, the code, prose after it.</summary>
internal sealed record ExampleHelp(string Title, IReadOnlyList<string> Introduction, string Code, IReadOnlyList<string> Remarks);

/// <summary>An INPUTS or OUTPUTS entry.</summary>
internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

internal sealed record LinkHelp(string Text, string Uri);
