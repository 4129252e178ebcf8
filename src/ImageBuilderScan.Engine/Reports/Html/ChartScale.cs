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
}
