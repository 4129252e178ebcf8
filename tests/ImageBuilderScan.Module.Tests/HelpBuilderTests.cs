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
