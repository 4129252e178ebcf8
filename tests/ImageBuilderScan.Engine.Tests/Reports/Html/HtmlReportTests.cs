using System.Security.Cryptography;

namespace ImageBuilderScan.Engine.Tests.Reports.Html;

/// <summary>The HTML report as a document: well-formed, self-contained, inert, and its charts and tables telling the same numbers.</summary>
public sealed class HtmlReportTests
{
    public static TheoryData<string> Samples() => ["everything", "findings"];

    private static HtmlReportContent Sample(string name) => name == "everything" ? HtmlSamples.Everything() : HtmlSamples.Findings();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Is_well_formed_and_self_contained_with_a_policy_that_forbids_script_and_loads(string sample)
    {
        var html = HtmlSamples.Render(Sample(sample));
        Assert.StartsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">", html);
        var doc = new HtmlDocument(html);
        var csp = Assert.Single(doc.All("meta"), m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
        var policy = (string)csp.Attribute("content")!;
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'none'", policy);
        // The one style sheet is allowed by its hash, so nothing else (an injected <style> or style="") would apply.
        var style = Assert.Single(doc.All("style")).Value;
        Assert.Contains($"style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)))}'", policy);
        Assert.Empty(doc.Root.DescendantsAndSelf().Select(e => e.Name.LocalName).Where(n => !HtmlDocument.AllowedElements.Contains(n)).Distinct());
        var attributes = doc.Root.DescendantsAndSelf().SelectMany(e => e.Attributes()).ToList();
        Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name.LocalName is "src" or "style" or "srcdoc");
        Assert.All(attributes.Where(a => a.Name.LocalName == "href"), a => Assert.Matches("^https?://", a.Value));
        var title = Assert.Single(doc.All("title"), t => t.Parent!.Name.LocalName == "head").Value;
        Assert.StartsWith(HtmlSamples.Title, title);
        Assert.Equal(title, Assert.Single(doc.All("h1")).Value);
    }

    [Fact]
    public void Hostile_text_is_text_in_every_place_it_shows()
    {
        var html = HtmlSamples.Render(HtmlSamples.Everything());
        var doc = new HtmlDocument(html);
        var text = string.Join("\n", doc.Root.DescendantNodes().OfType<System.Xml.Linq.XText>().Select(t => t.Value));
        foreach (var probe in HtmlSamples.Probes) Assert.Contains(probe, text);
        // The one sanitiser's inert form (controls and bidi controls as visible \uXXXX escapes, line breaks as \n), then
        // what XML cannot hold as U+FFFD and invisible format characters dropped; everything else is as sent.
        var forbidden = "x" + new string(HostileInput.Forbidden) + "y";
        var expected = string.Concat(SecretRedaction.ForOutput(forbidden).EnumerateRunes().Where(r => System.Text.Rune.GetUnicodeCategory(r) != System.Globalization.UnicodeCategory.Format)
            .Select(r => r.Value < 0x10000 && !System.Xml.XmlConvert.IsXmlChar((char)r.Value) ? "\uFFFD" : r.ToString()));
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", doc.Root.Descendants().SelectMany(e => e.Attributes()).Select(a => a.Value));
        Assert.DoesNotContain(doc.Root.Descendants().SelectMany(e => e.Attributes()), a => a.Value.StartsWith("data:", StringComparison.Ordinal));
        // Direction overrides are dropped: a reversed "exe.txt" cannot hide what a name is.
        Assert.DoesNotContain('\u202E', html);
    }

    [Fact]
    public void A_safe_advisory_link_keeps_its_query_escaped_in_the_attribute()
    {
        var doc = new HtmlDocument(HtmlSamples.Render(HtmlSamples.Findings()));
        Assert.Contains(doc.All("a"), a => (string?)a.Attribute("href") == "https://ok.example/advisory?a=1&b=2");
        Assert.DoesNotContain(doc.All("a"), a => ((string)a.Attribute("href")!).Contains('"'));
    }

    [Fact]
    public void The_bar_chart_has_a_mark_per_build_and_severity_equal_to_its_table_and_none_for_an_incomplete_scan()
    {
        var content = HtmlSamples.Everything();
        var doc = new HtmlDocument(HtmlSamples.Render(content));
        var chart = doc.ById("chart-builds");
        var marks = HtmlDocument.Marks(chart);
        var complete = content.Images.Where(i => i.Gate!.ScanComplete).ToList();
        Assert.Equal(complete.Count * 4, marks.Count);
        foreach (var image in complete)
        {
            var c = image.Counts;
            Assert.Equal([("critical", (long)c.Critical), ("high", c.High), ("medium", c.Medium), ("other", c.Low + c.Other)],
                marks.Where(m => m.Build == image.ImageBuildVersionArn).Select(m => (m.Severity, m.Value)));
        }
        var incomplete = Assert.Single(content.Images, i => !i.Gate!.ScanComplete);
        Assert.DoesNotContain(marks, m => m.Build == incomplete.ImageBuildVersionArn);
        Assert.Single(chart.Descendants(), e => (string?)e.Attribute("class") == "no-data" && (string?)e.Attribute("data-build") == incomplete.ImageBuildVersionArn);
        var cells = HtmlDocument.Cells(doc.ById("table-builds"));
        Assert.Equal(marks.Select(m => (m.Build, m.Severity, m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            cells.Where(c => c.Build != incomplete.ImageBuildVersionArn));
        Assert.All(cells.Where(c => c.Build == incomplete.ImageBuildVersionArn), c => Assert.Equal("-", c.Text));
        Assert.NotEmpty(chart.Elements(HtmlDocument.Svg + "title"));
        Assert.NotEmpty(chart.Elements(HtmlDocument.Svg + "desc"));
    }

    [Fact]
    public void Each_pipeline_has_a_trend_with_a_mark_per_complete_build_and_severity_equal_to_the_data_and_its_table()
    {
        var content = HtmlSamples.Everything();
        var doc = new HtmlDocument(HtmlSamples.Render(content));
        var pipelines = content.History.GroupBy(h => h.ImagePipelineArn).ToList();
        var charts = doc.All("svg").Where(s => ((string)s.Attribute("class")!).Contains("trend")).ToList();
        Assert.Equal(pipelines.Count, charts.Count);
        for (var i = 0; i < pipelines.Count; i++)
        {
            var expected = pipelines[i].Where(h => h.ScanComplete)
                .SelectMany(h => new[] { (h.ImageBuildVersionArn, "critical", h.Critical!.Value), (h.ImageBuildVersionArn, "high", h.High!.Value), (h.ImageBuildVersionArn, "medium", h.Medium!.Value) })
                .OrderBy(m => m.Item2).ThenBy(m => m.ImageBuildVersionArn, StringComparer.Ordinal).ToList();
            var marks = HtmlDocument.Marks(charts[i]).OrderBy(m => m.Severity).ThenBy(m => m.Build, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, marks.Select(m => (m.Build, m.Severity, m.Value)));
            Assert.Equal(pipelines[i].Count(h => !h.ScanComplete), charts[i].Descendants().Count(e => (string?)e.Attribute("class") == "no-data"));
            Assert.Equal($"chart-history-{i + 1}", (string?)charts[i].Attribute("id"));
            var table = doc.ById($"table-history-{i + 1}");
            var cells = HtmlDocument.Cells(table);
            Assert.Equal(pipelines[i].Count() * 4, cells.Count);
            foreach (var h in pipelines[i])
            {
                var row = cells.Where(c => c.Build == h.ImageBuildVersionArn).Select(c => c.Text).ToList();
                Assert.Equal(h.ScanComplete ? new[] { $"{h.Critical}", $"{h.High}", $"{h.Medium}", $"{h.All}" } : ["-", "-", "-", "-"], row);
            }
            // A dated axis: the first build's date is a label.
            Assert.Contains(charts[i].Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "2026-01-05");
        }
    }

    [Fact]
    public void A_count_the_service_did_not_send_is_unknown_in_the_trend_its_table_and_the_totals_never_0()
    {
        // The newest completed build of the first pipeline came without its CRITICAL count (the model requires none).
        var history = HtmlSamples.History().ToList();
        var first = history[0].ImagePipelineArn;
        var newest = history.Last(h => h.ImagePipelineArn == first && h.ScanComplete);
        history[history.IndexOf(newest)] = newest with { Critical = null };
        var doc = new HtmlDocument(HtmlSamples.Render(new HtmlReportContent { History = history, MadeAt = ReportSamples.Now }));

        var chart = doc.All("svg").First(s => ((string)s.Attribute("class")!).Contains("trend"));
        Assert.DoesNotContain(HtmlDocument.Marks(chart), m => m.Build == newest.ImageBuildVersionArn);
        Assert.Single(chart.Descendants(), e => (string?)e.Attribute("class") == "no-data" && (string?)e.Attribute("data-build") == newest.ImageBuildVersionArn);
        var row = HtmlDocument.Cells(doc.ById("table-history-1")).Where(c => c.Build == newest.ImageBuildVersionArn).Select(c => c.Text).ToList();
        Assert.Equal(["unknown", $"{newest.High}", $"{newest.Medium}", $"{newest.All}"], row);
        var totals = doc.ById("totals").Descendants().Where(e => e.Name.LocalName == "li").ToDictionary(e => (string)e.Attribute("data-severity")!, e => e.Value);
        Assert.Equal("CRITICAL unknown", totals["critical"]);
        Assert.Equal("LOW AND OTHER unknown", totals["other"]);
        Assert.DoesNotContain("unknown", totals["high"]);
    }

    [Fact]
    public void Shows_what_changed_suppressed_findings_with_reasons_and_expired_exceptions()
    {
        var content = HtmlSamples.Everything();
        var doc = new HtmlDocument(HtmlSamples.Render(content));
        var changes = doc.ById("table-changes").Descendants().Where(e => e.Name.LocalName == "tr" && e.Attribute("data-change") is not null).ToList();
        Assert.Equal(content.Changes.Count, changes.Count);
        Assert.Contains(changes, r => (string)r.Attribute("data-change")! == "SeverityChanged");
        Assert.Contains("Not reachable <script>document.title='INJECTED'</script>", doc.ById("table-suppressed").Value);
        Assert.Contains("CVE-EXPIRED", doc.ById("table-expired").Value);
        Assert.Contains("FAILED: 2 of 2 build(s) failed the gate.", doc.ById("verdict").Value);
        Assert.Contains("2026-06-15 12:00 UTC", doc.Root.Value);
    }
}
