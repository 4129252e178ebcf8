using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The build writes en-US/ImageBuilderScan.dll-Help.xml, the MAML Get-Help reads for the cmdlets of
/// bin/ImageBuilderScan.dll, and it says what the cmdlets declare and what the markdown shows.
/// </summary>
public sealed class MamlHelpTests
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private const string AllSets = "__AllParameterSets";

    private static string MamlPath => Path.Combine(Repo.ModuleFolder, "en-US", "ImageBuilderScan.dll-Help.xml");

    private static readonly Lazy<XDocument> Document = new(() => XDocument.Load(MamlPath));

    private static XElement CommandOf(string cmdlet) =>
        Document.Value.Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == cmdlet);

    private static string Paras(XElement? parent) => string.Join("\n", parent?.Elements(Maml + "para").Select(p => p.Value) ?? []);

    [Fact]
    public void The_layout_has_the_maml_file_named_after_the_cmdlet_assembly()
    {
        Assert.True(File.Exists(Path.Combine(Repo.ModuleFolder, "bin", "ImageBuilderScan.dll")));
        Assert.True(File.Exists(MamlPath), $"missing {MamlPath}");
    }

    [Fact]
    public void Is_maml_with_one_command_per_cmdlet()
    {
        var root = Document.Value.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        var commands = root.Elements(Command + "command").ToList();
        Assert.Equal(CmdletMetadata.Cmdlets.Keys.Order(), commands.Select(c => c.Element(Command + "details")!.Element(Command + "name")!.Value).Order());
        Assert.All(commands, c => Assert.Equal(
            [Command + "details", Maml + "description", Command + "syntax", Command + "parameters", Command + "inputTypes", Command + "returnValues", Maml + "alertSet", Command + "examples", Command + "relatedLinks"],
            c.Elements().Select(e => e.Name)));
    }

    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Has_name_verb_noun_synopsis_and_description(string cmdlet)
    {
        var command = CommandOf(cmdlet);
        var details = command.Element(Command + "details")!;
        Assert.Equal(cmdlet.Split('-')[0], details.Element(Command + "verb")!.Value);
        Assert.Equal(cmdlet.Split('-')[1], details.Element(Command + "noun")!.Value);
        var markdown = File.ReadAllText(Repo.File("en-US", cmdlet + ".md"));
        var synopsis = Regex.Match(markdown, @"## SYNOPSIS\s+(.+?)\s*\n").Groups[1].Value;
        Assert.Equal(synopsis, Paras(details.Element(Maml + "description")));
        var description = command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToList();
        Assert.True(description.Count >= 2);
        // The listing cmdlets say which API they wrap first; the decision cmdlets say what they decide.
        if (cmdlet.StartsWith("Get-", StringComparison.Ordinal)) Assert.StartsWith("Wraps the Image Builder API", description[0]);
        Assert.All(description, p => Assert.DoesNotContain("\n", p));
    }

    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Documents_every_declared_parameter_with_its_aliases_type_and_binding(string cmdlet)
    {
        var declared = CmdletMetadata.Cmdlets[cmdlet].Parameters;
        var parameters = CommandOf(cmdlet).Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        Assert.Equal(declared.Keys.Order(), parameters.Select(p => p.Element(Maml + "name")!.Value).Order());
        foreach (var element in parameters)
        {
            var p = declared[element.Element(Maml + "name")!.Value];
            var aliases = (string)element.Attribute("aliases")!;
            Assert.Equal(p.Aliases.Order(), aliases == "none" ? [] : aliases.Split(", ").Order());
            Assert.Equal(ExpectedPipelineInput(p.Sets), (string)element.Attribute("pipelineInput")!);
            Assert.Equal(p.Sets.Any(s => s.Mandatory) ? "true" : "false", (string)element.Attribute("required")!);
            Assert.Equal(p.Sets.Select(s => s.Position).FirstOrDefault(n => n is not null)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named",
                (string)element.Attribute("position")!);
            Assert.Equal(p.TypeName, element.Element(Dev + "type")!.Element(Maml + "name")!.Value);
            Assert.False(string.IsNullOrWhiteSpace(Paras(element.Element(Maml + "description"))), p.Name);
            Assert.EndsWith(p.TypeName.Split('.')[^1], element.Element(Command + "parameterValue")!.Value);
        }
    }

    private static string ExpectedPipelineInput(IEnumerable<ParameterSetEntry> sets)
    {
        var kinds = new[] { sets.Any(s => s.ByValue) ? "ByValue" : null, sets.Any(s => s.ByPropertyName) ? "ByPropertyName" : null }.OfType<string>().ToList();
        return kinds.Count == 0 ? "False" : $"True ({string.Join(", ", kinds)})";
    }

    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Has_one_syntax_item_per_parameter_set_with_that_sets_parameters(string cmdlet)
    {
        var info = CmdletMetadata.Cmdlets[cmdlet];
        var setNames = info.Parameters.Values.SelectMany(p => p.Sets).Select(s => s.Set).Where(s => s != AllSets).Append(info.DefaultSet).OfType<string>().Distinct().ToList();
        if (setNames.Count == 0) setNames.Add(AllSets);
        var expected = setNames.Select(set => info.Parameters.Values
                .Select(p => (p.Name, Entry: p.Sets.FirstOrDefault(s => s.Set == set) ?? p.Sets.FirstOrDefault(s => s.Set == AllSets)))
                .Where(x => x.Entry is not null)
                .Select(x => $"{x.Name}:{(x.Entry!.Mandatory ? "required" : "optional")}").Order().ToList())
            .Select(l => string.Join(" ", l)).Order();
        var actual = CommandOf(cmdlet).Element(Command + "syntax")!.Elements(Command + "syntaxItem").Select(item =>
        {
            Assert.Equal(cmdlet, item.Element(Maml + "name")!.Value);
            return string.Join(" ", item.Elements(Command + "parameter")
                .Select(p => $"{p.Element(Maml + "name")!.Value}:{((string)p.Attribute("required")! == "true" ? "required" : "optional")}").Order());
        }).Order();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_validate_set_parameter_lists_its_values_in_syntax_and_a_switch_shows_no_value()
    {
        var syntaxParameters = CommandOf("Get-IBScanFinding").Descendants(Command + "syntaxItem").SelectMany(i => i.Elements(Command + "parameter")).ToList();
        var group = syntaxParameters.First(p => p.Element(Maml + "name")!.Value == "Severity").Element(Command + "parameterValueGroup")!;
        Assert.Equal(ImageBuilderScan.Client.Model.SeverityRank.ServiceNames, group.Elements(Command + "parameterValue").Select(v => v.Value));
        Assert.All(syntaxParameters.Where(p => p.Element(Maml + "name")!.Value == "NoAutoPage"), p => Assert.Null(p.Element(Command + "parameterValue")));
    }

    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Examples_carry_the_markdown_code_exactly(string cmdlet)
    {
        var markdown = File.ReadAllText(Repo.File("en-US", cmdlet + ".md")).Replace("\r\n", "\n");
        var examplesSection = markdown[markdown.IndexOf("## EXAMPLES", StringComparison.Ordinal)..markdown.IndexOf("## PARAMETERS", StringComparison.Ordinal)];
        var titles = Regex.Matches(examplesSection, @"^### (Example \d+: .*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var code = Regex.Matches(examplesSection, @"^```powershell\n(.*?)\n```$", RegexOptions.Multiline | RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        var examples = CommandOf(cmdlet).Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.True(examples.Count >= 4);
        Assert.Equal(titles.Count, code.Count);
        Assert.Equal(titles.Select(t => $"--------- {t} ---------"), examples.Select(e => e.Element(Maml + "title")!.Value));
        Assert.Equal(code, examples.Select(e => e.Element(Dev + "code")!.Value));
        Assert.Contains(examples, e => Paras(e.Element(Dev + "remarks")).Length > 0);
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation", "ImageBuilderScan.Client.Model.ScanFindingAggregation")]
    [InlineData("Get-IBScanFinding", "ImageBuilderScan.Client.Model.ScanFindingAggregation")]
    [InlineData("Test-IBScanGate", "System.Management.Automation.PSObject")]
    [InlineData("Compare-IBScanFinding", "System.Management.Automation.PSObject")]
    [InlineData("Export-IBScanReport", "ImageBuilderScan.Engine.Gate.GateResult")]
    [InlineData("Get-IBScanHistory", "System.Management.Automation.PSObject")]
    public void Has_inputs_outputs_notes_and_related_links(string cmdlet, string inputType)
    {
        var command = CommandOf(cmdlet);
        var outputs = command.Element(Command + "returnValues")!.Elements(Command + "returnValue").Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(CmdletMetadata.Cmdlets[cmdlet].OutputTypes.Order(), outputs.Order());
        Assert.Contains(inputType, command.Element(Command + "inputTypes")!.Elements(Command + "inputType").Select(r => r.Element(Dev + "type")!.Element(Maml + "name")!.Value));
        Assert.Contains("about_ImageBuilderScan", Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));
        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").ToList();
        Assert.Contains(links, l => l.Element(Maml + "linkText")!.Value == "about_ImageBuilderScan");
        Assert.Contains(links, l => l.Element(Maml + "uri")!.Value.StartsWith("https://docs.", StringComparison.Ordinal));
    }
}
