using System.Globalization;

namespace ImageBuilderScan.Benchmarks;

/// <summary>The PowerShell section's table: each row ours against a peer (the floor module or the AWS CLI), with issue 12's target.</summary>
internal sealed class PwshReport(string pwshVersion, int rounds)
{
    private readonly List<string> _lines = [];
    private readonly List<string> _notes = [];

    public bool AllTargetsMet { get; private set; } = true;

    /// <summary>
    /// A row from paired runs: medians of each side, and the median of the rounds' ratios. Without a
    /// target the row is context; <paramref name="higherIsBetter"/> for "x times faster" ratios.
    /// </summary>
    public void Row(string measure, IReadOnlyList<double> ours, IReadOnlyList<double> peer, string peerName, string unit,
        bool peerOverOurs = false, double? target = null, bool higherIsBetter = false)
    {
        var ratio = peerOverOurs ? Interleaved.MedianRatio(peer, ours) : Interleaved.MedianRatio(ours, peer);
        var ratioOf = peerOverOurs ? $"{peerName} / ours" : $"ours / {peerName}";
        var atLeast = peerOverOurs || higherIsBetter;
        string targetCell = "(context)", verdict = "";
        if (target is { } t)
        {
            var met = atLeast ? ratio >= t : ratio <= t;
            AllTargetsMet &= met;
            targetCell = string.Create(CultureInfo.InvariantCulture, $"{(atLeast ? "≥" : "≤")} {t:0.0#}");
            verdict = met ? "PASS" : "MISS";
        }
        _lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"| {measure} | {Format(Stats.Median(ours), unit)} | {peerName} {Format(Stats.Median(peer), unit)} | {ratio:F2} ({ratioOf}) | {targetCell} | {verdict} |"));
    }

    public void Note(string note) => _notes.Add(note);

    private static string Format(double value, string unit) => unit switch
    {
        "ms" => value.ToString("F0", CultureInfo.InvariantCulture) + " ms",
        "KiB" => (value / 1024).ToString("F0", CultureInfo.InvariantCulture) + " MiB",
        _ => value.ToString("F2", CultureInfo.InvariantCulture) + " " + unit,
    };

    public void Print(TextWriter w)
    {
        w.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
                    $".NET {Environment.Version}, PowerShell {pwshVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {rounds} paired rounds per row");
        RatioTable.Write(w, "measure (fresh pwsh processes)", "ImageBuilderScan", "peer", _lines, _notes);
    }
}
