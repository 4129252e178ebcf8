namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// Runs the sides of one row round by round, each once a round, the order rotated every round (two
/// sides: ours, floor, floor, ours, ...), so a noisy moment on the shared machine lands in one round
/// rather than on one side. The first rounds warm the disk cache and are dropped.
/// </summary>
internal static class Interleaved
{
    public static List<T>[] Run<T>(int rounds, int warmupRounds, params Func<T>[] sides)
    {
        var results = sides.Select(_ => new List<T>()).ToArray();
        for (var round = 0; round < warmupRounds + rounds; round++)
        {
            for (var k = 0; k < sides.Length; k++)
            {
                var side = (k + round) % sides.Length;
                var value = sides[side]();
                if (round >= warmupRounds) results[side].Add(value);
            }
        }
        return results;
    }

    /// <summary>The median of the rounds' ratios: each round's pair shares its moment's noise.</summary>
    public static double MedianRatio(IReadOnlyList<double> numerator, IReadOnlyList<double> denominator) =>
        Stats.Median(numerator.Zip(denominator, (a, b) => a / b));
}
