using ImageBuilderScan.HelpBuilder;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The markdown-to-MAML converter refuses markdown that is not in PlatyPS 1.0's shape, naming the file
/// and line, instead of shipping help that silently lacks a section.
/// </summary>
public sealed class HelpBuilderTests
{
    private static string Real(string cmdlet) => File.ReadAllText(Repo.File("en-US", cmdlet + ".md")).Replace("\r\n", "\n");

    private static int LineOf(string text, string fragment) => text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static HelpFormatException Refused(string text) =>
        Assert.Throws<HelpFormatException>(() => CommandHelpReader.Read("Broken.md", text));

    [Fact]
    public void Reads_the_real_files_without_complaint()
    {
        foreach (var cmdlet in CmdletMetadata.Cmdlets.Keys)
        {
            var help = CommandHelpReader.Read(cmdlet + ".md", Real(cmdlet));
            Assert.Equal(cmdlet, help.Name);
            Assert.Equal(CmdletMetadata.Cmdlets[cmdlet].Parameters.Count, help.Parameters.Count);
        }
    }

    [Fact]
    public void An_unclosed_code_fence_names_its_line()
    {
        var text = Real("Get-IBScanFinding");
        var cut = text[..text.IndexOf("## PARAMETERS", StringComparison.Ordinal)].TrimEnd();
        var lastFence = LineOf(cut, "```powershell\n$findings");
        var e = Refused(cut[..cut.LastIndexOf("```", StringComparison.Ordinal)]);
        Assert.Equal("Broken.md", e.File);
        Assert.Equal(lastFence, e.Line);
        Assert.Contains("never closed", e.Problem);
        Assert.StartsWith($"Broken.md({lastFence}): error IBHELP001:", e.Message);
    }

    private const string SeverityYaml = "- Name: Severity\n  Position: Named\n  IsRequired: true";
    private const string PageSizeAliases = "Aliases:\n- MaxResults\n";
    private const string PageSizeWildcards = "SupportsWildcards: false\nAliases:\n- MaxResults";

    /// <summary>A change to the real Get-IBScanFinding.md; words the problem must hold ('|' between several); the line it names (near this text, plus lines).</summary>
    public static TheoryData<string, string, string, string, int> Refusals => new()
    {
        // a YAML value that is not a boolean names the parameter
        { SeverityYaml, SeverityYaml.Replace("true", "yes"), "-Severity", SeverityYaml, 2 },
        // a YAML 1.1 boolean is refused too
        { PageSizeWildcards, PageSizeWildcards.Replace("false", "no"), "-PageSize|'no' is not true or false", PageSizeWildcards, 0 },
        // a syntax line naming an undocumented parameter
        { "Get-IBScanFinding -Severity <string[]> [-PageSize <int>]", "Get-IBScanFinding -Severity <string[]> [-Bogus <int>] [-PageSize <int>]", "-Bogus", "### Severity\n", 2 },
        // a front matter list where the title should be
        { "title: Get-IBScanFinding\n", "title:\n- Get-IBScanFinding\n", "'title' must be a single value", "title: Get-IBScanFinding", 1 },
        // parameter YAML that does not parse names the parameter
        { PageSizeAliases, "Aliases: [MaxResults\n", "-PageSize|not valid YAML", PageSizeAliases, 0 },
        // a duplicate parameter YAML key names its second line
        { PageSizeAliases, PageSizeAliases + "Aliases: []\n", "-PageSize|Aliases", PageSizeAliases, 2 },
        // text after a parameter's YAML block is refused instead of dropped
        { "HelpMessage: ''\n```\n\n### -Credential", "HelpMessage: ''\n```\n\nLost words.\n\n### -Credential", "-AllowInsecureEndpoint|after its ```yaml block", "### -Credential", 0 },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_change_platyps_would_not_write_is_refused_naming_the_problem_and_its_line(string from, string to, string problem, string near, int lines)
    {
        var text = Real("Get-IBScanFinding");
        Assert.Contains(from, text);
        var e = Refused(text.Replace(from, to));
        Assert.All(problem.Split('|'), words => Assert.Contains(words, e.Problem));
        Assert.Equal(LineOf(text, near) + lines, e.Line);
    }

    [Fact]
    public void A_parameter_whose_sets_disagree_with_the_syntax_is_refused()
    {
        var text = Real("Get-IBScanFinding");
        var e = Refused(text.Replace("Get-IBScanFinding -Severity <string[]> [-PageSize <int>]", "Get-IBScanFinding [-PageSize <int>]"));
        Assert.Contains("-Severity", e.Problem);
        Assert.Contains("omits", e.Problem);
    }

    [Theory]
    [InlineData("## SYNOPSIS", "## SYNOPSES", "unknown section")]
    [InlineData("PlatyPS schema version: 2024-05-01", "PlatyPS schema version: 2.0.0", "schema version")]
    [InlineData("# Get-IBScanFinding\n", "# Get-IBScanFindings\n", "does not match")]
    [InlineData("### -AccessKey\n", "### AccessKey\n", "### -<Name>")]
    [InlineData("- [about_ImageBuilderScan](about_ImageBuilderScan.help.txt)", "- about_ImageBuilderScan", "related link")]
    public void Other_shapes_platyps_would_not_write_are_refused(string from, string to, string problem)
    {
        var text = Real("Get-IBScanFinding");
        Assert.Contains(from, text);
        var e = Refused(text.Replace(from, to));
        Assert.Contains(problem, e.Problem);
        Assert.True(e.Line >= 1);
    }

    [Fact]
    public void A_missing_section_is_refused()
    {
        var text = Real("Get-IBScanFinding");
        var start = text.IndexOf("## EXAMPLES", StringComparison.Ordinal);
        var e = Refused(text[..start] + text[text.IndexOf("## PARAMETERS", StringComparison.Ordinal)..]);
        Assert.Contains("## EXAMPLES", e.Problem);
        Assert.Equal("Broken.md", e.File);
        Assert.Equal(LineOf(text, "# Get-IBScanFinding\n"), e.Line);
        Assert.StartsWith($"Broken.md({e.Line}): error IBHELP001: missing section", e.Message);
    }

    [Theory]
    [InlineData("## SYNOPSIS\n")]
    [InlineData("## SYNTAX\n")]
    [InlineData("## DESCRIPTION\n")]
    [InlineData("## PARAMETERS\n")]
    public void Each_required_section_missing_is_named_at_the_cmdlet_heading(string section)
    {
        var text = Real("Get-IBScanFinding");
        var start = text.IndexOf(section, StringComparison.Ordinal);
        var next = text.IndexOf("\n## ", start + section.Length, StringComparison.Ordinal) + 1;
        // Without PARAMETERS the syntax has nothing to check against; what counts is that the section is named.
        var e = Refused(text[..start] + text[next..]);
        Assert.Equal($"missing section '{section.TrimEnd()}'.", e.Problem);
        Assert.Equal(LineOf(text, "# Get-IBScanFinding\n"), e.Line);
    }

    [Theory]
    [InlineData("Locale: en-US\n", "Locale: en-US\n  Region: x\n", "Locale: en-US\n", 1, "not valid YAML")]
    [InlineData("Locale: en-US\n", "Locale: en-US\nLocale: de-DE\n", "Locale: en-US\n", 1, "Locale")]
    [InlineData("Locale: en-US\n", "Locale: [en-US\nnext: 1\n", "Locale: ", 0, "not valid YAML")]
    public void Front_matter_that_is_not_yaml_names_the_line(string from, string to, string near, int offset, string problem)
    {
        var text = Real("Get-IBScanFinding");
        Assert.Contains(from, text);
        var e = Refused(text.Replace(from, to));
        Assert.Equal("Broken.md", e.File);
        Assert.Contains(problem, e.Problem);
        Assert.StartsWith("front matter", e.Problem);
        Assert.Equal(LineOf(text, near) + offset, e.Line);
    }

    [Fact]
    public void Front_matter_that_is_not_closed_is_refused_at_line_1()
    {
        var text = Real("Get-IBScanFinding");
        var e = Refused(text.Replace("title: Get-IBScanFinding\n---\n", "title: Get-IBScanFinding\n"));
        Assert.Equal(1, e.Line);
        Assert.Contains("not closed", e.Problem);
        Assert.Contains("expected front matter", Refused("# Get-IBScanFinding\n").Problem);
    }

    [Fact]
    public void Example_prose_before_the_code_is_its_introduction_and_after_it_the_remarks()
    {
        var text = Real("Get-IBScanFinding").Replace("### Example 5: One page at a time\n", "### Example 5: One page at a time\n\nBefore the code.\n");
        var example = CommandHelpReader.Read("x.md", text).Examples[^1];
        Assert.Equal(["Before the code."], example.Introduction);
        Assert.Empty(example.Remarks);
        var xml = MamlWriter.Write([CommandHelpReader.Read("x.md", text)]);
        var last = xml.Descendants(MamlWriter.Command + "example").Last();
        Assert.Equal("Before the code.", last.Element(MamlWriter.Maml + "introduction")!.Value);
    }

    [Fact]
    public void The_online_version_link_comes_from_help_uri()
    {
        var text = Real("Get-IBScanFinding").Replace("HelpUri: ''", "HelpUri: https://example.test/help");
        var xml = MamlWriter.Write([CommandHelpReader.Read("x.md", text)]);
        var first = xml.Descendants(MamlWriter.Maml + "navigationLink").First();
        Assert.Equal("Online Version:", first.Element(MamlWriter.Maml + "linkText")!.Value);
        Assert.Equal("https://example.test/help", first.Element(MamlWriter.Maml + "uri")!.Value);
    }
}
