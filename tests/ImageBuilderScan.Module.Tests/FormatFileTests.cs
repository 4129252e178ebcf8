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
    // Views are keyed to the stable PSTypeNames (the type accelerators' names), then to the .NET names for objects reached inside another.
    private static readonly Type[] Written =
    [
        typeof(ScanFindingAggregation), typeof(ScanFinding), typeof(ImageBuilderScan.Engine.Gate.GateResult), typeof(ImageBuilderScan.Engine.Comparison.FindingChange), typeof(ImageBuilderScan.Engine.History.BuildHistoryEntry),
    ];

    private static readonly Dictionary<string, Type> OutputTypes = Written.ToDictionary(t => global::ImageBuilderScan.Adapter.TypeAccelerators.UserName(t)!);

    /// <summary>The note every written object carries (OutputObjects.Wrap), shown by the list views.</summary>
    private static readonly string[] InstanceMembers = [global::ImageBuilderScan.Adapter.OutputObjects.TargetProperty];

    private static string ViewType(XElement view) => view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;

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
    public void Views_are_keyed_to_the_stable_type_names_then_the_net_names()
    {
        foreach (var view in Format.Descendants("View"))
        {
            var names = view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value).ToList();
            Assert.True(OutputTypes.TryGetValue(names[0], out var type), $"view {view.Element("Name")!.Value} is keyed to {names[0]}, not a stable type name");
            Assert.DoesNotContain("Engine", names[0], StringComparison.Ordinal);
            Assert.Equal([names[0], type!.FullName!], names);
        }
    }

    [Fact]
    public void Has_the_promised_views()
    {
        var views = Format.Descendants("View").Select(v => (
            Type: OutputTypes[ViewType(v)].FullName!,
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
        // Issues 21 and 22: text from the wire or a file reaches a terminal only through TypeDataMembers (Inert, or
        // Packages and FixText, which use it). A raw cell may only show what is no text: a property (or a property's
        // property) that is a number, a flag, a date or an enum; anything else read raw fails here, whatever its name.
        foreach (var view in Format.Descendants("View"))
        {
            var type = OutputTypes[ViewType(view)];
            foreach (var name in view.Descendants("PropertyName").Select(p => p.Value))
                Assert.True(IsNoText(type.GetProperty(name)!.PropertyType), $"{type.Name}.{name} is text shown raw in a view");
            foreach (var script in view.Descendants("ScriptBlock").Select(s => s.Value))
            {
                if (Regex.IsMatch(script, @"\[ImageBuilderScan\.Adapter\.TypeDataMembers\]::(Inert|Fit|Lines|Packages|FixText)\(")) continue;
                foreach (Match m in Regex.Matches(script, @"\$(?:_|a|f)\.(\w+)(?:\.(\w+)\b(?!\())?"))
                {
                    var property = type.GetProperty(m.Groups[1].Value);
                    var shown = property is not null && m.Groups[2].Success ? property.PropertyType.GetProperty(m.Groups[2].Value) : property;
                    Assert.True(shown is not null && IsNoText(shown.PropertyType), $"{type.Name}: {m.Value} is shown raw (not through the one sanitiser) in: {script}");
                }
            }
        }
    }

    /// <summary>A number, flag, date or enum, or (one level down) an object of nothing else, as the gate's Counts.</summary>
    private static bool IsNoText(Type type, int depth = 1)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)) return true;
        return depth > 0 && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            && type.GetProperties(BindingFlags.Public | BindingFlags.Instance).All(p => IsNoText(p.PropertyType, depth - 1));
    }

    [Fact]
    public void The_sanitiser_check_can_fail()
    {
        // A raw text cell, as the check reads it: caught.
        var type = typeof(ScanFinding);
        var raw = Regex.Matches("$_.Title", @"\$(?:_|a|f)\.(\w+)").Single();
        Assert.False(IsNoText(type.GetProperty(raw.Groups[1].Value)!.PropertyType));
        Assert.True(IsNoText(typeof(long?)));
    }

    [Fact]
    public void Every_view_type_and_property_exists_on_the_output_classes()
    {
        foreach (var view in Format.Descendants("View"))
        {
            var typeName = ViewType(view);
            Assert.True(OutputTypes.TryGetValue(typeName, out var type), $"view type {typeName} is not an output type");
            var properties = type!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Concat(InstanceMembers).ToHashSet();
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
        .First(v => OutputTypes[ViewType(v)] == type && v.Element("TableControl") is not null);

    [Fact]
    public void The_default_aggregation_table_keeps_the_counts_first_shows_region_and_account_and_gives_the_key_the_rest()
    {
        // PowerShell squeezes and drops columns from the right when a table is too wide: the counts come first so a
        // long key never pushes them off an 80-column console; Region and AccountId are always shown (results of a
        // fan-out span several, issue 22); the key has no width (it takes the rest) and the row wraps, at a space.
        var table = TableOf(typeof(ScanFindingAggregation));
        var headers = table.Descendants("TableColumnHeader").ToList();
        Assert.Equal(["Crit", "High", "Med", "Other", "All", "Region", "AccountId", "Key"], headers.Select(h => h.Element("Label")!.Value));
        Assert.Null(headers[^1].Element("Width"));
        var counts = headers.Take(5).Sum(h => int.Parse(h.Element("Width")!.Value)) + 5;
        Assert.True(counts <= 40, $"the counts take {counts} of 80 columns");
        var key = 80 - headers.SkipLast(1).Sum(h => int.Parse(h.Element("Width")!.Value)) - (headers.Count - 1);
        // On an 80-column console PowerShell keeps the last column one narrower than Out-String -Width 80 does.
        Assert.True(key - 1 >= 19, $"on an 80-column console the key keeps {key - 1} columns: 'web-frontend-al2023' (19) would be cut");
        // PowerShell wraps by character: the key is laid out for its width at Out-String -Width 80 (TypeDataMembers.Fit);
        // one column narrower, the pad's last space starts the next line, so the words stay whole at both.
        var cell = table.Descendants("ScriptBlock").Last().Value;
        Assert.StartsWith("[ImageBuilderScan.Adapter.TypeDataMembers]::Fit(", cell, StringComparison.Ordinal);
        Assert.EndsWith($", {key})", cell, StringComparison.Ordinal);
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
        // Grouped by kind, shown through the one sanitiser (a kind the module does not know is shown as sent).
        Assert.Equal("[ImageBuilderScan.Adapter.TypeDataMembers]::Inert($_.Kind)", table.Element("GroupBy")!.Element("ScriptBlock")!.Value);
        foreach (var label in new[] { "Crit", "High", "Med", "Other", "All" })
        {
            Assert.Equal("Right", headers.Single(h => h.Element("Label")?.Value == label).Element("Alignment")?.Value);
        }

        // An account aggregation's key is its AccountId: the Key column leaves it to the AccountId column.
        Assert.Contains("'Account' { if ($a.AccountId -ceq $a.Key) { '' }", table.Descendants("ScriptBlock").Last().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_table_keeps_the_summary_the_whole_version_and_region_and_account_at_80_columns()
    {
        var table = TableOf(typeof(ImageBuilderScan.Engine.Gate.GateResult));
        var headers = table.Descendants("TableColumnHeader").ToList();
        Assert.Equal(["Result", "Image", "Region/Account", "Crit", "High", "Summary"], headers.Select(h => h.Element("Label")!.Value));
        Assert.Null(headers[^1].Element("Width"));
        // On an 80-column console PowerShell keeps the last column one narrower than Out-String -Width 80 does.
        var summary = 80 - headers.SkipLast(1).Sum(h => int.Parse(h.Element("Width")!.Value)) - (headers.Count - 1) - 1;
        Assert.True(summary >= 24, $"at 80 columns the summary keeps {summary} columns");
        // Broken between words by line breaks (TypeDataMembers.Lines), which hold at every width from there up.
        Assert.Equal($"[ImageBuilderScan.Adapter.TypeDataMembers]::Lines($_.Summary, {summary})", table.Descendants("ScriptBlock").Last().Value);
        // The version ('2025.2.0/12') fits the image column whole, and the cell is laid out for that width
        // (TypeDataMembers.Fit), so PowerShell's wrap by character falls before the version, never in it.
        var image = int.Parse(headers[1].Element("Width")!.Value);
        Assert.True(image >= "2025.2.0/12".Length + 8);
        Assert.Contains($"::Fit(\"$($_.ImageName) $($_.ImageVersion)\", {image})", table.Descendants("ScriptBlock").ElementAt(1).Value, StringComparison.Ordinal);
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
    }

    [Fact]
    public void The_default_finding_table_groups_by_image_and_gives_the_packages_the_rest()
    {
        var table = TableOf(typeof(ScanFinding));
        var headers = table.Descendants("TableColumnHeader").ToList();
        Assert.Equal(["Severity", "VulnerabilityId", "Score", "Package Installed -> FixedIn"], headers.Select(h => h.Element("Label")!.Value));
        Assert.Null(headers[^1].Element("Width"));
        // At 80 columns the package column keeps 40 (39 on an 80-column console, whose last column is one narrower than
        // Out-String -Width 80's); wider consoles give it the rest.
        var fixedWidth = headers.SkipLast(1).Sum(h => int.Parse(h.Element("Width")!.Value)) + headers.Count - 1;
        Assert.Equal(40, 80 - fixedWidth);
        var packages = 80 - fixedWidth - 1;
        // Broken by line breaks for those 39 (TypeDataMembers.Packages), which hold at every width from there up.
        Assert.Equal($"[ImageBuilderScan.Adapter.TypeDataMembers]::Packages($_, {packages})", table.Descendants("ScriptBlock").Last().Value);
        // The group names the image with its account and region (a fan-out's findings span several).
        var group = table.Element("GroupBy")!.Element("ScriptBlock")!.Value;
        Assert.Contains("ImageBuildVersionArn", group, StringComparison.Ordinal);
        Assert.Contains("$p[4], $p[3]", group, StringComparison.Ordinal);
        Assert.NotNull(table.Descendants("TableRowEntry").Single().Element("Wrap"));
    }
}
