using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace ImageBuilderScan.Module.Tests;

/// <summary>Every view names a real type and real properties, and the file is valid for PowerShell.</summary>
public sealed class FormatFileTests
{
    private static readonly string FormatPath = Repo.File("ImageBuilderScan.Format.ps1xml");
    private static readonly XDocument Format = XDocument.Load(FormatPath);
    private static readonly Dictionary<string, Type> OutputTypes = new[]
    {
        typeof(ScanFindingAggregation), typeof(ScanFinding), typeof(ImageBuilderScan.Engine.Gate.GateResult), typeof(ImageBuilderScan.Engine.Comparison.FindingChange), typeof(ImageBuilderScan.Engine.History.BuildHistoryEntry),
    }.ToDictionary(t => t.FullName!);

    [Fact]
    public void Validates_against_powershells_format_schema()
    {
        // A missing schema fails the test, naming the file: a check that cannot run must not pass.
        var schema = Repo.SharedSchema("Format.xsd");
        Assert.True(schema is not null,
            $"shared/schemas/Format.xsd not found beside the repository ({Repo.Root}) or any of its ancestors: this test validates the format file against it.");

        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
        settings.Schemas.Add(null, schema);
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using (var reader = XmlReader.Create(FormatPath, settings)) while (reader.Read()) { }
        Assert.Empty(errors);
    }

    [Fact]
    public void Has_the_promised_views()
    {
        var views = Format.Descendants("View").Select(v => (
            Type: v.Element("ViewSelectedBy")!.Element("TypeName")!.Value,
            Control: v.Elements().Single(e => e.Name.LocalName.EndsWith("Control")).Name.LocalName)).ToList();
        Assert.Contains((typeof(ScanFindingAggregation).FullName!, "TableControl"), views);
        Assert.Contains((typeof(ScanFindingAggregation).FullName!, "ListControl"), views);
        Assert.Contains((typeof(ScanFinding).FullName!, "TableControl"), views);
        Assert.Contains((typeof(ScanFinding).FullName!, "ListControl"), views);
        Assert.Contains((typeof(ImageBuilderScan.Engine.Gate.GateResult).FullName!, "TableControl"), views);
        Assert.Contains((typeof(ImageBuilderScan.Engine.Gate.GateResult).FullName!, "ListControl"), views);
        Assert.Contains((typeof(ImageBuilderScan.Engine.Comparison.FindingChange).FullName!, "TableControl"), views);
        Assert.Contains((typeof(ImageBuilderScan.Engine.History.BuildHistoryEntry).FullName!, "TableControl"), views);
    }

    [Fact]
    public void Every_text_the_views_show_goes_through_the_one_sanitiser()
    {
        // Issue 21: text from the wire or a file reaches a terminal only through TypeDataMembers.Inert, so a raw
        // property cell may only show what is no text (counts, dates, flags, enums).
        foreach (var view in Format.Descendants("View"))
        {
            var type = OutputTypes[view.Element("ViewSelectedBy")!.Element("TypeName")!.Value];
            foreach (var name in view.Descendants("PropertyName").Select(p => p.Value))
                Assert.False(type.GetProperty(name)!.PropertyType == typeof(string), $"{type.Name}.{name} is text shown raw in a view");
            foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value).Where(s => Regex.IsMatch(s, @"\$(?:_|a|f)\.(?:Key|Title|PackageName|ImageBuildVersionArn|VulnerabilityId|Severity|ScanStatus|Violations|Suppressed|ExpiredMatches)\b(?!\.Count)")))
                Assert.Contains("TypeDataMembers]::Inert(", script);
        }
    }

    [Fact]
    public void Every_view_type_and_property_exists_on_the_output_classes()
    {
        foreach (var view in Format.Descendants("View"))
        {
            var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
            Assert.True(OutputTypes.TryGetValue(typeName, out var type), $"view type {typeName} is not an output type");
            var properties = type!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
            foreach (var name in view.Descendants("PropertyName").Select(p => p.Value))
            {
                Assert.True(properties.Contains(name), $"{typeName} has no property {name}");
            }

            foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value))
            {
                foreach (Match m in Regex.Matches(script, @"\$(?:_|a)\.(\w+)"))
                {
                    Assert.True(properties.Contains(m.Groups[1].Value), $"{typeName} has no property {m.Groups[1].Value} (script: {script})");
                }
            }
        }
    }

    [Fact]
    public void Colour_comes_from_psstyle_never_raw_escapes()
    {
        var text = File.ReadAllText(FormatPath);
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain("`e", text);
        Assert.DoesNotContain("[char]27", text);
        Assert.Contains("$PSStyle.Foreground", text);
    }

    [Fact]
    public void Colour_is_left_out_when_output_rendering_is_plain_text()
    {
        // Only the console host strips escape sequences for PlainText: Out-String, other hosts and
        // the table's width arithmetic would still see them, so each coloured cell asks itself.
        var coloured = Format.Descendants("ScriptBlock").Select(s => s.Value).Where(s => s.Contains("$PSStyle.Foreground", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(coloured);
        foreach (var script in coloured)
        {
            Assert.Matches(@"\$PSStyle\.OutputRendering\s+-ne\s+'PlainText'", script);
        }
    }

    private static XElement TableOf(Type type) => Format.Descendants("View")
        .First(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type.FullName && v.Element("TableControl") is not null);

    [Fact]
    public void The_default_aggregation_table_keeps_the_counts_first_and_gives_the_key_the_rest()
    {
        // PowerShell squeezes and drops columns from the right when a table is too wide: the counts
        // come first so a long key never pushes them off an 80-column console; the key has no width
        // (it takes the rest, issue 13 point 7) and the row wraps, so a long key wraps instead of being cut.
        var table = TableOf(typeof(ScanFindingAggregation));
        var headers = table.Descendants("TableColumnHeader").ToList();
        Assert.Equal(["Critical", "High", "Medium", "Other", "All", "Key", "AccountId"], headers.Select(h => h.Element("Label")!.Value));
        Assert.Null(headers.Single(h => h.Element("Label")!.Value == "Key").Element("Width"));
        var counts = headers.Take(5).Sum(h => int.Parse(h.Element("Width")!.Value)) + 5;
        Assert.True(counts <= 40, $"the counts take {counts} of 80 columns");
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
        // Grouped by kind, shown through the one sanitiser (a kind the module does not know is shown as sent).
        Assert.Equal("[ImageBuilderScan.Adapter.TypeDataMembers]::Inert($_.Kind)", table.Element("GroupBy")!.Element("ScriptBlock")!.Value);
        foreach (var label in new[] { "Critical", "High", "Medium", "Other", "All" })
        {
            Assert.Equal("Right", headers.Single(h => h.Element("Label")?.Value == label).Element("Alignment")?.Value);
        }
    }

    [Fact]
    public void The_default_finding_table_groups_by_image_and_gives_the_packages_the_rest()
    {
        var table = TableOf(typeof(ScanFinding));
        var headers = table.Descendants("TableColumnHeader").ToList();
        Assert.Equal(["Severity", "VulnerabilityId", "Score", "Package Installed -> FixedIn"], headers.Select(h => h.Element("Label")!.Value));
        Assert.Null(headers[^1].Element("Width"));
        // At 80 columns the package column keeps 40: each package line is broken before "->" past 40.
        var fixedWidth = headers.SkipLast(1).Sum(h => int.Parse(h.Element("Width")!.Value)) + headers.Count - 1;
        Assert.Equal(40, 80 - fixedWidth);
        Assert.Contains("$line.Length -gt 40", table.Descendants("ScriptBlock").Last().Value, StringComparison.Ordinal);
        Assert.Contains("ImageBuildVersionArn", table.Element("GroupBy")!.Element("ScriptBlock")!.Value, StringComparison.Ordinal);
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
    }
}
