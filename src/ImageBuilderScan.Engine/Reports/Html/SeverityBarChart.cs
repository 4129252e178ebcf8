namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Counts by severity per build as stacked vertical bars (inline SVG): one rect per build and severity
/// (critical, high, medium, other; a zero is a rect of no height, so marks = builds x 4), a no-data mark
/// for a build whose scan did not complete, a count axis, the build labels when they fit, a
/// <c>&lt;title&gt;</c> and <c>&lt;desc&gt;</c>, and a legend with the severity words.
/// </summary>
internal static class SeverityBarChart
{
    private const double Width = 640, Height = 260, Left = 44, Right = 12, Top = 12, Bottom = 44;

    public static void Write(HtmlWriter html, string id, string title, IReadOnlyList<ChartBuild> builds)
    {
        var scale = ChartScale.For(builds.Select(b => b.All ?? 0).DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slot = plotWidth / Math.Max(1, builds.Count);
        var barWidth = Math.Max(0.5, slot * 0.7);
        double Y(long v) => Top + plotHeight - v * plotHeight / scale.Max;

        html.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart bars"), ("id", id), ("viewBox", $"0 0 {Width} {Height}"),
            ("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"));
        html.Element("title", title, ("id", $"{id}-title"));
        var complete = builds.Count(b => b.Missing is null);
        html.Element("desc", $"Stacked bars of findings by severity (critical, high, medium, other) for {builds.Count} build(s), " +
            $"{builds.Count - complete} without counts because their scan did not complete. The table beside it holds the same numbers.", ("id", $"{id}-desc"));
        scale.Draw(html, Left, Width - Right, Y);

        var labelEvery = Math.Max(1, (int)Math.Ceiling(builds.Count / 10.0));
        for (var i = 0; i < builds.Count; i++)
        {
            var build = builds[i];
            var x = Left + i * slot + (slot - barWidth) / 2;
            if (build.Missing is not null)
            {
                var mid = x + barWidth / 2;
                html.Open("path", ("class", "no-data"), ("data-build", build.Id),
                    ("d", $"M{HtmlText.Coordinate(mid - 4)} {HtmlText.Coordinate(Y(0) - 12)}l8 8m0 -8l-8 8"));
                html.Element("title", $"{build.Label}: no counts ({build.Missing})").Close();
            }
            else
            {
                long below = 0;
                foreach (var (key, word) in ChartSeverities.Stacked)
                {
                    var value = ChartSeverities.Value(build, key) ?? 0;
                    var top = Y(below + value);
                    html.Open("rect", ("class", $"sev-{key}"), ("data-build", build.Id), ("data-severity", key), ("data-value", HtmlText.Number(value)),
                        ("x", HtmlText.Coordinate(x)), ("y", HtmlText.Coordinate(top)), ("width", HtmlText.Coordinate(barWidth)),
                        ("height", HtmlText.Coordinate(Y(below) - top)));
                    html.Element("title", $"{build.Label}: {HtmlText.Number(value)} {word.ToLowerInvariant()}").Close();
                    below += value;
                }
            }

            if (i % labelEvery == 0)
                html.Element("text", Short(build.Label), ("x", HtmlText.Coordinate(x + barWidth / 2)), ("y", HtmlText.Coordinate(Height - Bottom + 14)),
                    ("text-anchor", "middle"));
        }

        html.Close();
    }

    private static string Short(string label) => label.Length <= 14 ? label : label[..13] + "\u2026";
}
