using ImageBuilderScan.Engine.History;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>Per pipeline: the trend of critical, high and medium over its builds, and the same numbers in a table beside it.</summary>
internal static class HistorySection
{
    public static void Write(HtmlWriter html, IReadOnlyList<BuildHistoryEntry> history, CancellationToken cancellationToken)
    {
        html.Section("history", "History per pipeline");
        var n = 0;
        foreach (var pipeline in history.GroupBy(h => h.ImagePipelineArn, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var entries = pipeline.ToList();
            var builds = entries.Select(HtmlReport.ChartBuildOf).ToList();
            var id = $"chart-history-{++n}";
            var name = $"{entries[0].PipelineName} ({entries[0].Region}, {entries[0].AccountId})";
            html.Open("section", ("class", "pipeline"), ("data-pipeline", pipeline.Key));
            html.Element("h3", name);
            html.Open("div", ("class", "pair"));
            html.Open("figure");
            html.Element("figcaption", $"Critical, high and medium findings over {entries.Count} build(s)");
            TrendChart.Write(html, id, $"Findings over time: {name}", builds);
            ChartSeverities.Legend(html, ChartSeverities.Trend);
            html.Close();
            html.Open("div", ("class", "scroll"));
            html.Open("table", ("id", $"table-history-{n}"), ("data-chart", id));
            html.Element("caption", "The numbers of the chart");
            html.Open("thead").Open("tr");
            html.Element("th", "Created").Element("th", "Build").Element("th", "Scan");
            foreach (var (key, word) in ChartSeverities.Trend) html.Element("th", word, ("class", "n"), ("data-severity", key));
            html.Element("th", "All", ("class", "n"), ("data-severity", "all"));
            html.Close().Close();
            html.Open("tbody");
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                html.Open("tr", ("data-build", entry.ImageBuildVersionArn));
                html.Element("td", entry.DateCreated is { } d ? HtmlText.DateTime(d) : "-");
                html.Element("td", entry.Build ?? entry.ImageName);
                html.Element("td", entry.ScanStatus is null ? "not scanned" : entry.ScanReason is { Length: > 0 } r ? $"{entry.ScanStatus}: {r}" : entry.ScanStatus);
                // No count: '-' for a scan that did not complete, 'unknown' for one the service did not send.
                var none = entry.ScanComplete ? "unknown" : "-";
                foreach (var (key, _) in ChartSeverities.Trend)
                    html.Element("td", ChartSeverities.Value(builds[i], key) is { } v ? HtmlText.Number(v) : none, ("class", "n"), ("data-severity", key));
                html.Element("td", entry.All is { } all ? HtmlText.Number(all) : none, ("class", "n"), ("data-severity", "all"));
                html.Close();
            }
            html.Close().Close().Close().Close().Close();
        }
        html.Close();
    }
}
