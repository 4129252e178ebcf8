using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The help markdown documents every parameter and nothing else (PlatyPS's own test checks only
/// structure), with the examples users copy.
/// </summary>
public sealed class HelpTests
{
    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Every_parameter_is_documented_and_no_other(string cmdlet)
    {
        var text = File.ReadAllText(Repo.File("en-US", cmdlet + ".md"));
        var documented = Regex.Matches(text, @"^### -(\w+)\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order();
        Assert.Equal(CmdletMetadata.Cmdlets[cmdlet].Parameters.Keys.Order(), documented);
        Assert.Contains("### CommonParameters", text);
    }

    [Theory]
    [MemberData(nameof(CmdletMetadata.Names), MemberType = typeof(CmdletMetadata))]
    public void Documents_aliases_and_pipeline_binding_as_declared(string cmdlet)
    {
        var text = File.ReadAllText(Repo.File("en-US", cmdlet + ".md"));
        foreach (var p in CmdletMetadata.Cmdlets[cmdlet].Parameters.Values)
        {
            var section = Regex.Match(text, $@"^### -{p.Name}\s*$(.*?)^```\s*$", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
            var yaml = Regex.Match(text, $@"^### -{p.Name}\s*$.*?```yaml(.*?)```", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
            Assert.False(string.IsNullOrWhiteSpace(section), p.Name);
            foreach (var alias in p.Aliases) Assert.Contains($"- {alias}", yaml);
            Assert.Equal(p.Sets.Any(s => s.ByPropertyName), yaml.Contains("ValueFromPipelineByPropertyName: true"));
            Assert.Equal(p.Sets.Any(s => s.ByValue), yaml.Contains("ValueFromPipeline: true"));
        }
    }

    [Theory]
    [InlineData("Get-IBScanFindingAggregation")]
    [InlineData("Get-IBScanFinding")]
    public void Has_synopsis_description_and_the_four_kinds_of_example(string cmdlet)
    {
        var text = File.ReadAllText(Repo.File("en-US", cmdlet + ".md"));
        Assert.Matches(@"## SYNOPSIS\s+\S", text);
        Assert.Matches(@"## DESCRIPTION\s+\S", text);
        var examples = Regex.Matches(text, @"^### Example \d+: (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToList();
        Assert.True(examples.Count >= 4);
        Assert.Contains(examples, e => e.Contains("triage"));
        Assert.Contains(examples, e => e.Contains("ci gate"));
        Assert.Contains(examples, e => e.Contains("csv"));
        Assert.Contains(examples, e => e.Contains("drill down"));
    }

    [Theory]
    [InlineData("Test-IBScanGate", true)]
    [InlineData("Compare-IBScanFinding", true)]
    [InlineData("Export-IBScanReport", false)]
    public void The_decision_cmdlets_have_four_examples_and_the_ci_step_on_new_findings(string cmdlet, bool newOnlyStep)
    {
        // The examples also run as written against the emulator in the cmdlet's Pester suite.
        var text = File.ReadAllText(Repo.File("en-US", cmdlet + ".md"));
        Assert.Matches(@"## SYNOPSIS\s+\S", text);
        Assert.Matches(@"## DESCRIPTION\s+\S", text);
        var examples = Regex.Matches(text, @"^### Example \d+: (.*)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.True(examples.Count >= 4, $"{cmdlet}: {examples.Count} examples");
        Assert.Equal(newOnlyStep, examples.Contains("Fail only on what this build adds"));
    }

    [Fact]
    public void About_topic_documents_the_gate_and_the_exceptions_file()
    {
        var text = File.ReadAllText(Repo.File("en-US", "about_ImageBuilderScan.help.txt"));
        Assert.Contains("THE SCAN GATE", text);
        Assert.Contains("THE EXCEPTIONS FILE", text);
        foreach (var key in new[] { "vulnerabilityId", "package", "image", "pipeline", "reason", "expires" }) Assert.Contains(key, text);
        // The sample file is quoted as it is.
        var sample = File.ReadAllLines(Repo.File("samples", "scan-exceptions.yaml")).Where(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.All(sample, line => Assert.Contains("      " + line, text));
    }

    [Fact]
    public void About_topic_exists()
    {
        var text = File.ReadAllText(Repo.File("en-US", "about_ImageBuilderScan.help.txt"));
        Assert.StartsWith("TOPIC", text.TrimStart());
        Assert.Contains("about_ImageBuilderScan", text);
    }
}
