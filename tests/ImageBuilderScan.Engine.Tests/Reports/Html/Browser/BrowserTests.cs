using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ImageBuilderScan.Engine.Tests.Reports.Html.Browser;

/// <summary>
/// Each sample report opened in chromium from file:// with the network off: a screenshot at 1280 and at
/// 360 px wide (kept in output/browser/ as CI artifacts), and the DOM as the browser built it checked:
/// no element or attribute injected, no script run (each hostile probe would have set the title), the
/// text shown, one chart mark per data point, the tables' numbers equal to the data set's, nothing fetched.
/// Two control pages show that the checks can fail. Without chromium these tests fail (never skip).
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class BrowserTests
{
    private static readonly string Folder = Directory.CreateDirectory(Path.Combine(RepoRoot.Path, "output", "browser")).FullName;

    public static TheoryData<string> Samples() => ["everything", "findings", "history"];

    internal static HtmlReportContent Sample(string name) => name switch
    {
        "everything" => HtmlSamples.Everything(),
        "findings" => HtmlSamples.Findings(),
        _ => new HtmlReportContent { History = HtmlSamples.History(12), MadeAt = ReportSamples.Now },
    };

    private static string Write(string name, string html)
    {
        var file = Path.Combine(Folder, name + ".html");
        File.WriteAllText(file, html);
        return file;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Renders_as_written_with_nothing_injected_run_or_fetched(string name)
    {
        var chromium = Chromium.Find();
        var content = Sample(name);
        var html = HtmlSamples.Render(content);
        var file = Write(name, html);
        var (dom, fetched) = chromium.Load(file);
        chromium.Screenshot(file, Path.Combine(Folder, $"{name}-1280.png"), 1280, 2400);
        chromium.Screenshot(file, Path.Combine(Folder, $"{name}-360.png"), 360, 2400);
        Assert.True(new FileInfo(Path.Combine(Folder, $"{name}-1280.png")).Length > 10_000);

        Assert.Empty(fetched);
        var page = new HtmlParser().ParseDocument(dom);
        var written = new HtmlParser().ParseDocument(html);
        Assert.Equal(written.Title, page.Title);
        Assert.DoesNotContain(HtmlSamples.Injected, page.Title);
        Assert.Empty(page.All.Select(e => e.LocalName).Where(n => !HtmlDocument.AllowedElements.Contains(n)).Distinct());
        Assert.Equal(written.All.Length, page.All.Length);
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || a.Name is "src" or "srcdoc" or "style");
        Assert.Single(page.QuerySelectorAll("style"));
        var text = page.Body!.TextContent;
        if (name != "history")
            foreach (var probe in HtmlSamples.Probes.Where(p => content.Images.Count > 0)) Assert.Contains(probe, text);
        else
            Assert.Contains(HtmlSamples.Probes[0], text);

        if (content.Images.Count > 0) BarsMatch(page, content);
        if (content.History.Count > 0) TrendsMatch(page, content);
    }

    [Fact]
    public void The_checks_see_a_fetch_and_a_script_that_ran()
    {
        var chromium = Chromium.Find();
        var file = Write("control", "<!DOCTYPE html><html><head><title>control</title></head><body>" +
            "<img src=\"https://images.invalid/x.png\"><script>document.title='INJECTED'</script></body></html>");
        var (dom, fetched) = chromium.Load(file);
        Assert.Contains(fetched, u => u.StartsWith("https://images.invalid/", StringComparison.Ordinal));
        Assert.Equal(HtmlSamples.Injected, new HtmlParser().ParseDocument(dom).Title);
    }

    private static void BarsMatch(IDocument page, HtmlReportContent content)
    {
        var marks = page.QuerySelectorAll("svg.bars [data-severity]");
        var complete = content.Images.Where(i => i.Gate is not { ScanComplete: false, ScanProblem: not null }).ToList();
        Assert.Equal(complete.Count * 4, marks.Length);
        foreach (var image in complete)
        {
            var c = image.Counts;
            var expected = new[] { c.Critical, c.High, c.Medium, c.Low + c.Other }.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected, marks.Where(m => m.GetAttribute("data-build") == image.ImageBuildVersionArn).Select(m => m.GetAttribute("data-value")));
            Assert.Equal(expected, page.QuerySelectorAll("#table-builds tr").Single(r => r.GetAttribute("data-build") == image.ImageBuildVersionArn)
                .QuerySelectorAll("td[data-severity]").Select(td => td.TextContent));
        }
    }

    private static void TrendsMatch(IDocument page, HtmlReportContent content)
    {
        var charts = page.QuerySelectorAll("svg.trend");
        var pipelines = content.History.GroupBy(h => h.ImagePipelineArn).ToList();
        Assert.Equal(pipelines.Count, charts.Length);
        for (var i = 0; i < pipelines.Count; i++)
        {
            var complete = pipelines[i].Where(h => h.ScanComplete).ToList();
            Assert.Equal(complete.Count * 3, charts[i].QuerySelectorAll("circle[data-severity]").Length);
            Assert.Equal(pipelines[i].Count() - complete.Count, charts[i].QuerySelectorAll(".no-data").Length);
            var rows = page.QuerySelectorAll($"#table-history-{i + 1} tbody tr");
            Assert.Equal(pipelines[i].Count(), rows.Length);
            foreach (var (h, row) in pipelines[i].Zip(rows))
            {
                Assert.Equal(h.ImageBuildVersionArn, row.GetAttribute("data-build"));
                Assert.Equal(h.ScanComplete ? [$"{h.Critical}", $"{h.High}", $"{h.Medium}", $"{h.All}"] : new[] { "-", "-", "-", "-" },
                    row.QuerySelectorAll("td[data-severity]").Select(td => td.TextContent));
            }
        }
    }
}

/// <summary>One browser at a time: chromium is heavy on a small shared machine.</summary>
[CollectionDefinition(nameof(BrowserCollection), DisableParallelization = true)]
public sealed class BrowserCollection;
