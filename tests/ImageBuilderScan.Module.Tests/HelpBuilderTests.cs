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

    [Fact]
    public void A_yaml_value_that_is_not_a_boolean_names_the_parameter_and_line()
    {
        var text = Real("Get-IBScanFinding");
        var broken = text.Replace("- Name: Severity\n  Position: Named\n  IsRequired: true", "- Name: Severity\n  Position: Named\n  IsRequired: yes");
        var e = Refused(broken);
        Assert.Contains("-Severity", e.Problem);
        Assert.Equal(LineOf(text, "- Name: Severity\n  Position: Named\n  IsRequired: true") + 2, e.Line);
    }

    [Fact]
    public void A_syntax_line_naming_an_undocumented_parameter_is_refused()
    {
        var text = Real("Get-IBScanFinding");
        var e = Refused(text.Replace("Get-IBScanFinding -Severity <string[]> [-PageSize <int>]", "Get-IBScanFinding -Severity <string[]> [-Bogus <int>] [-PageSize <int>]"));
        Assert.Contains("-Bogus", e.Problem);
        Assert.Equal(LineOf(text, "### Severity\n") + 2, e.Line);
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
    public void A_front_matter_list_where_the_title_should_be_is_refused()
    {
        var text = Real("Get-IBScanFinding");
        var e = Refused(text.Replace("title: Get-IBScanFinding\n", "title:\n- Get-IBScanFinding\n"));
        Assert.Contains("'title' must be a single value", e.Problem);
        Assert.Equal(LineOf(text, "title: Get-IBScanFinding") + 1, e.Line);
    }

    [Fact]
    public void Parameter_yaml_that_does_not_parse_names_the_parameter_and_line()
    {
        var text = Real("Get-IBScanFinding");
        const string aliases = "Aliases:\n- MaxResults\n";
        var e = Refused(text.Replace(aliases, "Aliases: [MaxResults\n"));
        Assert.Contains("-PageSize", e.Problem);
        Assert.Contains("not valid YAML", e.Problem);
        Assert.Equal(LineOf(text, aliases), e.Line);
    }

    [Fact]
    public void A_duplicate_parameter_yaml_key_names_its_second_line()
    {
        var text = Real("Get-IBScanFinding");
        const string aliases = "Aliases:\n- MaxResults\n";
        var e = Refused(text.Replace(aliases, aliases + "Aliases: []\n"));
        Assert.Contains("-PageSize", e.Problem);
        Assert.Contains("Aliases", e.Problem);
        Assert.Equal(LineOf(text, aliases) + 2, e.Line);
    }

    [Fact]
    public void Text_after_a_parameters_yaml_block_is_refused_instead_of_dropped()
    {
        var text = Real("Get-IBScanFinding");
        var e = Refused(text.Replace("HelpMessage: ''\n```\n\n### -Credential", "HelpMessage: ''\n```\n\nLost words.\n\n### -Credential"));
        Assert.Contains("-AllowInsecureEndpoint", e.Problem);
        Assert.Contains("after its ```yaml block", e.Problem);
        Assert.Equal(LineOf(text, "### -Credential"), e.Line);
    }

    [Fact]
    public void A_yaml_1_1_boolean_is_refused_too()
    {
        var text = Real("Get-IBScanFinding");
        const string wildcards = "SupportsWildcards: false\nAliases:\n- MaxResults";
        var e = Refused(text.Replace(wildcards, "SupportsWildcards: no\nAliases:\n- MaxResults"));
        Assert.Contains("-PageSize", e.Problem);
        Assert.Contains("'no' is not true or false", e.Problem);
        Assert.Equal(LineOf(text, wildcards), e.Line);
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
