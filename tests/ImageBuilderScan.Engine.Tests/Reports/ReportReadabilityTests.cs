using System.Text.RegularExpressions;
using System.Xml.Linq;
using Markdig;
using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Reports;

/// <summary>
/// Issue 22, views and reports: labels unique where they must be (the same build name in two regions or accounts),
/// Markdown that escapes only what a cell needs, and a fixed-in version of NotAvailable read as no fix in every format.
/// </summary>
public sealed class ReportReadabilityTests
{
    private const string East = "arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.5.0/1";
    private const string West = "arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.0/1";
    private const string OtherAccount = "arn:aws:imagebuilder:eu-west-1:444455556666:image/web-frontend-al2023/1.5.0/1";
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string Write(ReportFormat format, IReadOnlyList<ReportImage> images)
    {
        using var stream = new MemoryStream();
        ReportWriter.Write(stream, format, images);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void The_same_build_in_two_regions_gets_distinct_junit_suites_and_markdown_rows()
    {
        var images = ReportImage.FromFindings([Finding("CVE-1", "HIGH", arn: East), Finding("CVE-1", "HIGH", arn: West)]);
        Assert.Equal(["web-frontend-al2023 1.5.0/1 (us-east-1)", "web-frontend-al2023 1.5.0/1 (eu-west-1)"], images.Select(i => i.DisplayName));

        var suites = XDocument.Parse(Write(ReportFormat.JUnit, images)).Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.Equal(images.Select(i => i.DisplayName), suites);
        var rows = Write(ReportFormat.Markdown, images).Split('\n').Where(l => l.StartsWith("| web-frontend-al2023", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("| web-frontend-al2023 1.5.0/1 (us-east-1) |", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("| web-frontend-al2023 1.5.0/1 (eu-west-1) |", StringComparison.Ordinal));
    }

    [Fact]
    public void Builds_of_several_accounts_are_labelled_by_region_and_account_one_region_and_account_keeps_the_short_label()
    {
        var labels = BuildLabels.For([East, West, OtherAccount]);
        Assert.Equal("web-frontend-al2023 1.5.0/1 (eu-west-1, 444455556666)", labels.Of("web-frontend-al2023 1.5.0/1", OtherAccount));
        Assert.Equal("web-frontend-al2023 1.5.0/1 (us-east-1, 111122223333)", labels.Of("web-frontend-al2023 1.5.0/1", East));
        Assert.Equal("web-frontend-al2023 1.5.0/1 (444455556666)", BuildLabels.For([West, OtherAccount]).Of("web-frontend-al2023 1.5.0/1", OtherAccount));
        Assert.Equal("web-frontend-al2023 1.4.0/1", BuildLabels.For([Image, NextImage, null]).Of("web-frontend-al2023 1.4.0/1", Image));
        // Unique per build: every ARN of the set gets its own label.
        var arns = new[] { East, West, OtherAccount, Image };
        var all = BuildLabels.For(arns);
        Assert.Equal(arns.Length, arns.Select(a => all.Of(ImageBuilderArn.TryParse(a)!.Name + " " + ImageBuilderArn.TryParse(a)!.Version + "/" + ImageBuilderArn.TryParse(a)!.Build, a)).Distinct().Count());
    }

    [Theory]
    [InlineData("CVE-2025-0003")]
    [InlineData("1.0-1")]
    [InlineData("1:3.0.8-1.amzn2023.0.14")]
    [InlineData("ALAS2023-2025-1130")]
    [InlineData("python3_requests")]
    [InlineData("FAILED: 1 CRITICAL (allowed 0) at or above HIGH; 1 suppressed")]
    [InlineData("1.2.3+dfsg-1")]
    public void Ids_versions_and_verdicts_stay_as_sent(string text) => Assert.Equal(text, MarkdownText.Escape(text));

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("*x* _y_ ~z~", "\\*x\\* \\_y\\_ \\~z\\~")]
    [InlineData("[x](https://e.example)", "\\[x\\](https\\://e.example)")]
    [InlineData("www.e.example a@b.example", "www\\.e.example a\\@b.example")]
    [InlineData("# 1. - item", "\\# 1. - item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("<b>&amp;", "&lt;b&gt;&amp;amp;")]
    public void What_a_cell_would_turn_into_markup_is_defused(string text, string escaped)
    {
        Assert.Equal(escaped, MarkdownText.Escape(text));
        var html = Markdown.ToHtml($"| a |\n| --- |\n| {escaped} |\n", Gfm);
        Assert.DoesNotMatch(new Regex("<(a|img|code|em|strong|del|sub|sup|b|h[1-6]|li)[ >]"), html);
    }

    [Fact]
    public void A_fixed_in_version_of_NotAvailable_reads_as_no_fix_in_every_report()
    {
        // Inspector's fixAvailable is YES, NO or PARTIAL (Image Builder's model types it as a plain string); "no fix"
        // arrives as fixedInVersion NotAvailable, beside fixAvailable NO.
        var finding = Finding("CVE-2025-0003", "HIGH", fix: "NO") with
        {
            FixedInVersion = FixedIn.NotAvailable,
            VulnerablePackages = [new VulnerablePackage { Name = "openssl", Version = "1.0", Release = "1", FixedInVersion = FixedIn.NotAvailable }],
        };
        var images = ReportImage.FromFindings([finding]);
        foreach (var format in Enum.GetValues<ReportFormat>())
        {
            var text = Write(format, images);
            Assert.DoesNotContain("NotAvailable", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("CVE-2025-0003", text, StringComparison.Ordinal);
        }

        // Each format says so where it names the fixed-in version, with the one label (FixedIn.NoFixLabel).
        Assert.Equal("none", FixedIn.NoFixLabel);
        Assert.Contains("| openssl | 1.0-1 | none |", Write(ReportFormat.Markdown, images), StringComparison.Ordinal);
        Assert.Matches("<td>openssl</td><td>1.0-1</td><td>none</td>", Write(ReportFormat.Html, images));
        var failure = XDocument.Parse(Write(ReportFormat.JUnit, images)).Descendants("failure").Single();
        Assert.Contains("\nFixed in: none", failure.Value, StringComparison.Ordinal);
        var result = System.Text.Json.Nodes.JsonNode.Parse(Write(ReportFormat.Sarif, images))!["runs"]![0]!["results"]!.AsArray().Single()!;
        Assert.EndsWith("in openssl 1.0-1 on image web-frontend-al2023 1.4.0/1; fixed in none.", result["message"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(FixedIn.Version(""));
        Assert.Null(FixedIn.Version("notavailable"));
        Assert.Equal("1.0.1", FixedIn.Version("1.0.1"));
        Assert.Equal("openssl 1.0", finding.VulnerablePackages[0].ToString());
    }
}
