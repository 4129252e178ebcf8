namespace ImageBuilderScan.Engine.Reports;

/// <summary>The builds shown (gate results or findings): a stacked bar chart and, beside it, a table of the same numbers with each verdict.</summary>
internal static class BuildsSection
{
    public static void Write(HtmlWriter html, IReadOnlyList<ReportImage> images, CancellationToken cancellationToken)
    {
        html.Section("builds", "Findings by severity per build");
        var builds = images.Select(ChartBuildOf).ToList();
        html.Open("div", ("class", "pair"));
        html.Open("figure");
        html.Element("figcaption", "Counts by severity per build");
        SeverityBarChart.Write(html, "chart-builds", "Findings by severity per build", builds);
        ChartSeverities.Legend(html, ChartSeverities.Stacked);
        html.Close();
        html.Open("div", ("class", "scroll"));
        html.Open("table", ("id", "table-builds"), ("data-chart", "chart-builds"));
        html.Element("caption", "The numbers of the chart");
        html.Open("thead").Open("tr");
        html.Element("th", "Build").Element("th", "Verdict").Element("th", "Scan");
        foreach (var (key, word) in ChartSeverities.Stacked) html.Element("th", word, ("class", "n"), ("data-severity", key));
        html.Close().Close();
        html.Open("tbody");
        for (var i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var image = images[i];
            var build = builds[i];
            html.Open("tr", ("data-build", build.Id));
            html.Open("td").Text(image.DisplayName).Close();
            html.Element("td", image.Gate is null ? "not gated" : image.Gate.Summary, ("class", image.Gate is null ? null : image.Gate.Passed ? "verdict pass" : "verdict fail"));
            html.Element("td", image.Gate is null ? "-" : image.Gate.ScanStatus ?? (image.Gate.ScanState is { ScanningEnabled: false } ? "not scanned" : "unknown"));
            foreach (var (key, _) in ChartSeverities.Stacked)
                html.Element("td", ChartSeverities.Value(build, key) is { } v ? HtmlText.Number(v) : "-", ("class", "n"), ("data-severity", key));
            html.Close();
        }
        html.Close().Close().Close().Close().Close();
    }

    /// <summary>
    /// A build's counts as the gate counted them (violations and counted findings), or none when the gate
    /// failed it for its scan state: an incomplete scan's counts are not the build's.
    /// </summary>
    private static ChartBuild ChartBuildOf(ReportImage image)
    {
        if (image.Gate is { ScanComplete: false, ScanProblem: { } problem })
            return new ChartBuild(image.ImageBuildVersionArn, image.ImageVersion ?? image.ImageName, image.Gate.ScanState?.DateCreated, null, null, null, null, problem);
        var c = image.Counts;
        return new ChartBuild(image.ImageBuildVersionArn, image.ImageVersion ?? image.ImageName, image.Gate?.ScanState?.DateCreated, c.Critical, c.High, c.Medium, c.Low + c.Other, null);
    }
}
