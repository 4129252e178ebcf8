using System.Text.RegularExpressions;
using Markdig;

namespace ImageBuilderScan.Engine.Tests.Reports;

public sealed class MarkdownReportTests
{
    // GitHub-flavoured: pipe tables, bare-URL/www/e-mail autolinks, raw HTML passed through.
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static string Markdown(IReadOnlyList<ReportImage> images, int top = 10)
    {
        using var writer = new StringWriter();
        MarkdownReport.Write(writer, images, top);
        return writer.ToString();
    }

    public static TheoryData<string> HostileTexts() =>
    [
        ReportSamples.Hostile,
        "<img src=x onerror=alert(1)>",
        "[link](javascript:alert(1))",
        "![](https://evil.example/track.png)",
        "a | b | c",
        "```\ncode block\n```",
        "# heading",
        "> quote",
        "- list",
        "1. ordered",
        "    indented code",
        "https://evil.example/path",
        "www.evil.example",
        "user@evil.example",
        "<https://evil.example>",
        "[ref]: https://evil.example",
        "line1\nline2\r\n\r\n| x | y |\n| - | - |",
        "&lt;script&gt; &#60;b&#62;",
        "\\| escaped pipe \\",
        "*emphasis* _under_ ~~strike~~",
    ];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Escaped_text_renders_as_that_text_and_nothing_else(string hostile)
    {
        var escaped = MarkdownText.Escape(hostile);
        Assert.DoesNotContain('\n', escaped);
        var html = Markdig.Markdown.ToHtml($"| a | b |\n| --- | --- |\n| {escaped} | end |\n", Gfm);
        Assert.DoesNotMatch(new Regex("<(a|img|script|code|em|strong|del|h[1-6]|blockquote|li|pre|b)[ >]"), html);
        Assert.Equal(2, Regex.Matches(html, "<td").Count);
        Assert.Contains(">end</td>", html);
        var text = System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Match(html, "<td>(.*?)</td>", RegexOptions.Singleline).Groups[1].Value, "<[^>]*>", ""));
        var expected = Regex.Replace(hostile.Replace("\u202E", ""), @"\s+", " ").Trim();
        Assert.Equal(expected, text);
    }

    [Fact]
    public void A_run_that_judged_every_image_gives_the_verdict_first()
    {
        var judged = ReportSamples.Gated().Where(i => i.Gate!.ScanProblem is null).ToList();
        Assert.Contains("**FAILED**: 1 of 1 image failed the gate.", Markdown(judged, top: 3).Split('\n'));
    }

    [Fact]
    public void Escape_can_fail_the_check()
    {
        var html = Markdig.Markdown.ToHtml("| a |\n| --- |\n| [x](https://evil.example) |\n", Gfm);
        Assert.Matches("<a ", html);
    }

    [Fact]
    public void The_summary_has_a_verdict_a_counts_table_and_the_top_findings()
    {
        var markdown = Markdown(ReportSamples.Gated(), top: 3);
        var lines = markdown.Split('\n');
        // The second image's scan is still running: the run could not judge it, and says so first, with why.
        Assert.Contains("**NOT JUDGED**: 1 of 2 images could not be judged: web-frontend-al2023 1.4.1/2: scan SCANNING (Inspector busy)", markdown);
        Assert.Equal(2, Array.IndexOf(lines, lines.First(l => l.StartsWith("**NOT JUDGED**", StringComparison.Ordinal))));
        Assert.Contains(lines, l => l.StartsWith("| web-frontend-al2023 1.4.0/1 | FAILED: 1 CRITICAL, 2 HIGH (allowed 1) at or above HIGH; 1 suppressed |", StringComparison.Ordinal) && l.EndsWith("| COMPLETED | 1 | 2 | 1 | 1 | 1 |", StringComparison.Ordinal));
        Assert.Contains("### Top 3 findings", lines);
        var top = lines.SkipWhile(l => !l.StartsWith("### Top", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("### ", StringComparison.Ordinal))
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2).ToList();
        Assert.Equal(3, top.Count);
        Assert.StartsWith("| CRITICAL (fails) | 8.1 | CVE-2024-6387 | openssh-server | 1.0.0-1.amzn2023 | 1.0.1 |", top[0]);
        Assert.DoesNotContain(top, l => l.Contains("SUPPRESSED", StringComparison.Ordinal));
        var html = Markdig.Markdown.ToHtml(markdown, Gfm);
        Assert.Equal(3, Regex.Matches(html, "<table").Count); // counts, top findings, suppressed
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Suppressed_findings_are_listed_with_their_reason_and_exception()
    {
        var markdown = Markdown(ReportSamples.Gated());
        var section = markdown[markdown.IndexOf("### Suppressed (1)", StringComparison.Ordinal)..];
        // Ids, names and versions stay as sent: greppable in the raw Markdown.
        var row = section.Split('\n').Single(l => l.Contains("log4j", StringComparison.Ordinal));
        Assert.StartsWith("| CRITICAL | CVE-SUPPRESSED | log4j-core |", row, StringComparison.Ordinal);
        Assert.Contains("Not reachable", row, StringComparison.Ordinal);
        Assert.Contains("ex.yaml:1", row, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", row, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_with_no_result_reads_as_not_judged()
    {
        var markdown = Markdown([]);
        Assert.Contains("**NOT JUDGED**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_findings_are_summarised_without_a_verdict()
    {
        var markdown = Markdown(ReportSamples.Plain());
        Assert.Contains("**3 images**, not gated.", markdown);
        Assert.Contains("| web-frontend-al2023 1.4.0/1 | - | - | 0 | 1 | 0 | 0 | 0 |\n", markdown);
    }
}
