namespace ImageBuilderScan.Engine.Waiting;

/// <summary>
/// How often a build's scan is asked about while it runs: the first poll after <see cref="Initial"/>, each next
/// one <see cref="Factor"/> times longer up to <see cref="Max"/>, each drawn within ±<see cref="Jitter"/> of that
/// (so many gates started together do not poll in step). The defaults suit a scan that takes minutes; tests give
/// milliseconds.
/// </summary>
public sealed record ScanWaitSchedule
{
    /// <summary>15 s first, ×1.5 each time, at most 60 s, ±20 %.</summary>
    public static readonly ScanWaitSchedule Default = new();

    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(60);
    public double Factor { get; init; } = 1.5;
    /// <summary>The fraction of a delay it may be shortened or lengthened by, 0 to 1.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before poll number <paramref name="poll"/> (1 for the first after the initial read).</summary>
    public TimeSpan Delay(int poll, Random random)
    {
        var nominal = Initial.TotalMilliseconds * Math.Pow(Factor, Math.Max(0, poll - 1));
        nominal = Math.Min(nominal, Max.TotalMilliseconds);
        var spread = nominal * Math.Clamp(Jitter, 0, 1);
        return TimeSpan.FromMilliseconds(Math.Max(1, nominal - spread + random.NextDouble() * 2 * spread));
    }
}
