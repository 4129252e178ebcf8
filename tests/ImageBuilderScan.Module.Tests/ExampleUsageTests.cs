using System.Text.RegularExpressions;

namespace ImageBuilderScan.Module.Tests;

/// <summary>
/// The examples users copy must run: every parameter they use exists, piped aggregations are not
/// combined with a filter the piped set does not take, and '+=' only grows what is an array.
/// </summary>
public sealed class ExampleUsageTests
{
    private static readonly string[] CommonParameters =
    [
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction",
        "ErrorVariable", "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
    ];

    [Fact]
    public void The_examples_call_every_cmdlet()
    {
        var cmdlets = ExampleScripts.Calls().Select(c => c.Cmdlet).Distinct().Order();
        Assert.Equal(CmdletMetadata.Cmdlets.Keys.Order(), cmdlets);
    }

    [Fact]
    public void Every_parameter_an_example_uses_exists_on_its_cmdlet()
    {
        var unknown = new List<string>();
        foreach (var call in ExampleScripts.Calls())
        {
            var cmdlet = CmdletMetadata.Cmdlets[call.Cmdlet];
            var known = cmdlet.Parameters.Values.SelectMany(p => p.Aliases.Append(p.Name)).Concat(CommonParameters)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            unknown.AddRange(call.Parameters.Where(p => !known.Contains(p)).Select(p => $"{call.Source}: -{p} in '{call.Line}'"));
        }

        Assert.Empty(unknown);
    }

    [Fact]
    public void Piped_aggregations_are_never_combined_with_a_filter_parameter()
    {
        // Aggregations bind -InputObject; a filter parameter of another set makes the call fail to bind.
        var wrong = new List<string>();
        foreach (var (source, code) in ExampleScripts.Blocks())
        {
            var aggregationVariables = Regex.Matches(code, @"\$(\w+)\s*=\s*@?\(?\s*Get-IBScanFindingAggregation\b")
                .Select(m => "$" + m.Groups[1].Value).ToList();
            foreach (var call in ExampleScripts.Calls().Where(c => c.Source == source && code.Contains(c.Line.Split(' ')[0], StringComparison.Ordinal)))
            {
                var fromAggregations = call.Upstream.Contains("Get-IBScanFindingAggregation", StringComparison.Ordinal)
                    || aggregationVariables.Any(v => Regex.IsMatch(call.Upstream, Regex.Escape(v) + @"\s*$"));
                if (!fromAggregations) continue;
                var parameters = CmdletMetadata.Cmdlets[call.Cmdlet].Parameters;
                foreach (var name in call.Parameters)
                {
                    var parameter = parameters.Values.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                        || p.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));
                    if (parameter is not null && !parameter.Sets.Any(s => s.Set is "InputObject" or "__AllParameterSets"))
                        wrong.Add($"{source}: -{name} with piped aggregations in '{call.Line}'");
                }
            }
        }

        Assert.Empty(wrong.Distinct());
    }

    [Fact]
    public void Plus_equals_only_grows_a_variable_that_starts_as_an_array()
    {
        // '$x = Get-...' holds a single object when one item comes back, and '$x += ...' then fails.
        var wrong = new List<string>();
        foreach (var (source, code) in ExampleScripts.Blocks())
        {
            foreach (Match grow in Regex.Matches(code, @"\$(\w+)\s*\+="))
            {
                var name = grow.Groups[1].Value;
                var first = Regex.Match(code, $@"\${name}\s*=(?!=)\s*(.*)");
                if (!first.Success || !Regex.IsMatch(first.Groups[1].Value, @"^(@\(|\[[\w.\[\]]*\])"))
                    wrong.Add($"{source}: ${name} += without ${name} = @(...) first");
            }
        }

        Assert.Empty(wrong);
    }
}
