namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// One build as a chart plots it: its counts, or, when its scan did not complete, why there are none
/// (<see cref="Missing"/>; then the counts are null and the chart draws a no-data mark, never a zero).
/// </summary>
/// <param name="Id">The build's ARN: each mark and table row carries it, so a test can match them.</param>
/// <param name="Label">A short label ("1.4.0/1").</param>
internal sealed record ChartBuild(string Id, string Label, DateTime? Date, long? Critical, long? High, long? Medium, long? Other, string? Missing)
{
    public long? All => Missing is null ? Critical + High + Medium + Other : null;
}

/// <summary>The severities the charts draw, with their words (colour is never the only carrier).</summary>
internal static class ChartSeverities
{
    public static readonly (string Key, string Word)[] Stacked = [("critical", "Critical"), ("high", "High"), ("medium", "Medium"), ("other", "Other")];
    public static readonly (string Key, string Word)[] Trend = [("critical", "Critical"), ("high", "High"), ("medium", "Medium")];

    public static long? Value(ChartBuild build, string key) => key switch
    {
        "critical" => build.Critical,
        "high" => build.High,
        "medium" => build.Medium,
        _ => build.Other,
    };

    /// <summary>A list of swatches with the severity words.</summary>
    public static void Legend(HtmlWriter html, (string Key, string Word)[] severities)
    {
        html.Open("ul", ("class", "legend"));
        foreach (var (key, word) in severities)
        {
            html.Open("li").Element("span", "", ("class", $"swatch sev-{key}"), ("aria-hidden", "true")).Text(word).Close();
        }
        html.Close();
    }
}
