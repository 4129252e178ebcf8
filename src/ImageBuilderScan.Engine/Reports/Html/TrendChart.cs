namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// A pipeline's critical, high and medium counts over its builds (inline SVG): a line per severity
/// (solid, dashed, dotted: told apart without colour) broken where a build has no counts, one circle
/// per build and severity with counts (marks = complete builds x 3), a no-data cross on the axis for a
/// build whose scan did not complete, a dated x axis (builds placed by creation date, or evenly when
/// dates are missing or all equal), a <c>&lt;title&gt;</c>, a <c>&lt;desc&gt;</c> and a legend.
/// </summary>
internal static class TrendChart
{
    private const double Width = 640, Height = 240, Left = 44, Right = 16, Top = 12, Bottom = 40;

    public static void Write(HtmlWriter html, string id, string title, IReadOnlyList<ChartBuild> builds)
    {
        var scale = ChartScale.For(builds.SelectMany(b => new[] { b.Critical ?? 0, b.High ?? 0, b.Medium ?? 0 }).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var xs = Positions(builds, plotWidth);
        double Y(long v) => Top + plotHeight - v * plotHeight / scale.Max;

        html.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart trend"), ("id", id), ("viewBox", $"0 0 {Width} {Height}"),
            ("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"));
        html.Element("title", title, ("id", $"{id}-title"));
        var dated = builds.Where(b => b.Date is not null).Select(b => b.Date!.Value).ToList();
        var span = dated.Count == 0 ? "" : $" from {HtmlText.Date(dated.Min())} to {HtmlText.Date(dated.Max())}";
        html.Element("desc", $"Critical, high and medium findings of {builds.Count} build(s){span}; " +
            $"{builds.Count(b => b.Missing is not null)} build(s) have no counts because their scan did not complete or the service did not send them. The table beside it holds the same numbers.",
            ("id", $"{id}-desc"));
        scale.Draw(html, Left, Width - Right, Y);

        DateAxis(html, builds, xs);
        foreach (var (key, word) in ChartSeverities.Trend)
        {
            var path = new System.Text.StringBuilder();
            var pen = false;
            for (var i = 0; i < builds.Count; i++)
            {
                if (ChartSeverities.Value(builds[i], key) is not { } v || builds[i].Missing is not null)
                {
                    pen = false;
                    continue;
                }
                path.Append(pen ? 'L' : 'M').Append(HtmlText.Coordinate(xs[i])).Append(' ').Append(HtmlText.Coordinate(Y(v)));
                pen = true;
            }
            if (path.Length > 0) html.Empty("path", ("class", $"line sev-{key}"), ("d", path.ToString()));
            for (var i = 0; i < builds.Count; i++)
            {
                if (builds[i].Missing is not null || ChartSeverities.Value(builds[i], key) is not { } v) continue;
                html.Open("circle", ("class", $"sev-{key}"), ("data-build", builds[i].Id), ("data-severity", key), ("data-value", HtmlText.Number(v)),
                    ("cx", HtmlText.Coordinate(xs[i])), ("cy", HtmlText.Coordinate(Y(v))), ("r", builds.Count > 60 ? "1.5" : "3"));
                html.Element("title", $"{builds[i].Label}{When(builds[i])}: {HtmlText.Number(v)} {word.ToLowerInvariant()}").Close();
            }
        }

        for (var i = 0; i < builds.Count; i++)
        {
            if (builds[i].Missing is not { } why) continue;
            html.Open("path", ("class", "no-data"), ("data-build", builds[i].Id),
                ("d", $"M{HtmlText.Coordinate(xs[i] - 4)} {HtmlText.Coordinate(Y(0) - 4)}l8 8m0 -8l-8 8"));
            html.Element("title", $"{builds[i].Label}{When(builds[i])}: no counts ({why})").Close();
        }

        html.Close();
    }

    private static string When(ChartBuild build) => build.Date is { } d ? $" ({HtmlText.Date(d)})" : "";

    /// <summary>Each build's x: by date when every build has one and they differ, else evenly by order.</summary>
    private static double[] Positions(IReadOnlyList<ChartBuild> builds, double plotWidth)
    {
        var xs = new double[builds.Count];
        var byDate = builds.Count > 1 && builds.All(b => b.Date is not null) && builds.Select(b => b.Date).Distinct().Count() > 1;
        if (byDate)
        {
            var first = builds.Min(b => b.Date!.Value).Ticks;
            var range = (double)(builds.Max(b => b.Date!.Value).Ticks - first);
            for (var i = 0; i < xs.Length; i++) xs[i] = Left + (builds[i].Date!.Value.Ticks - first) / range * plotWidth;
        }
        else
        {
            for (var i = 0; i < xs.Length; i++) xs[i] = Left + (builds.Count == 1 ? plotWidth / 2 : i * plotWidth / (builds.Count - 1));
        }

        return xs;
    }

    /// <summary>About five date labels, at the builds they name, none closer than a label's width.</summary>
    private static void DateAxis(HtmlWriter html, IReadOnlyList<ChartBuild> builds, double[] xs)
    {
        double last = double.NegativeInfinity;
        for (var i = 0; i < builds.Count; i++)
        {
            if (builds[i].Date is not { } date || xs[i] - last < 110) continue;
            last = xs[i];
            var x = HtmlText.Coordinate(xs[i]);
            html.Empty("line", ("class", "axis"), ("x1", x), ("x2", x), ("y1", HtmlText.Coordinate(Height - Bottom)), ("y2", HtmlText.Coordinate(Height - Bottom + 4)));
            html.Element("text", HtmlText.Date(date), ("x", x), ("y", HtmlText.Coordinate(Height - Bottom + 16)),
                ("text-anchor", i == 0 ? "start" : xs[i] > Width - Right - 40 ? "end" : "middle"), ("class", "date"));
        }
    }
}
