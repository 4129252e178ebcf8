namespace ImageBuilderScan.Benchmarks;

/// <summary>The closing table both reports print: each measure beside its peer, the ratio and its target; then the notes.</summary>
internal static class RatioTable
{
    public static void Write(TextWriter w, string measure, string ours, string peer, IEnumerable<string> rows, IEnumerable<string> notes)
    {
        w.WriteLine();
        w.WriteLine($"| {measure} | {ours} | {peer} | ratio | target | |");
        w.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in rows) w.WriteLine(row);
        w.WriteLine();
        foreach (var note in notes) w.WriteLine("- " + note);
    }
}
