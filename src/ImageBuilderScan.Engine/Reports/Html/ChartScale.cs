namespace ImageBuilderScan.Engine.Reports;

/// <summary>A count axis from 0 to a round maximum, with about five round ticks.</summary>
internal sealed record ChartScale(long Max, long Step)
{
    public static ChartScale For(long largest)
    {
        if (largest <= 0) return new ChartScale(1, 1);
        var rough = largest / 5.0;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = (long)Math.Max(1, new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough));
        return new ChartScale((largest + step - 1) / step * step, step);
    }

    public IEnumerable<long> Ticks()
    {
        for (long t = 0; t <= Max; t += Step) yield return t;
    }

    /// <summary>The count axis: a line at 0, a dashed line and a label at each tick, from <paramref name="left"/> to <paramref name="right"/>.</summary>
    public void Draw(HtmlWriter html, double left, double right, Func<long, double> y)
    {
        foreach (var t in Ticks())
        {
            var at = HtmlText.Coordinate(y(t));
            html.Empty("line", ("class", t == 0 ? "axis" : "grid"), ("x1", HtmlText.Coordinate(left)), ("x2", HtmlText.Coordinate(right)), ("y1", at), ("y2", at));
            html.Element("text", HtmlText.Number(t), ("x", HtmlText.Coordinate(left - 4)), ("y", HtmlText.Coordinate(y(t) + 4)), ("text-anchor", "end"));
        }
    }
}
