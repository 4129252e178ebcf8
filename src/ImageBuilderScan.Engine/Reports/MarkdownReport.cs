using System.Globalization;
using ImageBuilderScan.Engine.Comparison;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Findings;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes a Markdown summary for $GITHUB_STEP_SUMMARY: a verdict line, a counts table per image and
/// the top findings with their fixed-in versions. Every piece of service text goes through
/// <see cref="MarkdownText.Escape"/>.
/// </summary>
public static class MarkdownReport
{
    public static void Write(TextWriter output, IReadOnlyList<ReportImage> images, int top = 10, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        output.NewLine = "\n";
        output.WriteLine("## ImageBuilderScan");
        output.WriteLine();
        output.WriteLine(Verdict(images));
        output.WriteLine();
        output.WriteLine("| Image | Verdict | Scan | Critical | High | Medium | Low | Other |");
        output.WriteLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var image in images)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = image.Counts;
            var verdict = image.Gate is null ? "-" : MarkdownText.Escape(image.Gate.Summary);
            var scan = image.Gate is null ? "-" : MarkdownText.Escape(image.Gate.ScanStatus ?? "UNKNOWN");
            output.WriteLine($"| {MarkdownText.Escape(image.DisplayName)} | {verdict} | {scan} | {N(c.Critical)} | {N(c.High)} | {N(c.Medium)} | {N(c.Low)} | {N(c.Other)} |");
        }
        var rows = RankedFindings.Of(images).Take(top).ToList();
        if (rows.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"### Top {rows.Count} finding{(rows.Count == 1 ? "" : "s")}");
        output.WriteLine();
        output.WriteLine("| Severity | Score | Vulnerability | Package | Installed | Fixed in | Image | Title |");
        output.WriteLine("| --- | ---: | --- | --- | --- | --- | --- | --- |");
        foreach (var (image, outcome, row) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var severity = outcome.Severity.ToServiceName() + (outcome.Verdict == FindingVerdict.Violation ? " (fails)" : "");
            output.WriteLine(string.Join(" | ", [
                "| " + severity,
                FindingScore.Text(FindingScore.Of(outcome.Finding)),
                MarkdownText.Escape(row.Key.VulnerabilityId),
                MarkdownText.Escape(row.PackageName),
                MarkdownText.Escape(row.InstalledVersion),
                row.FixedInVersion is null ? "none" : MarkdownText.Escape(row.FixedInVersion),
                MarkdownText.Escape(image.DisplayName),
                MarkdownText.Escape(outcome.Finding.Title, 120) + " |",
            ]));
        }
    }

    private static string Verdict(IReadOnlyList<ReportImage> images)
    {
        var gated = images.Where(i => i.Gate is not null).ToList();
        if (gated.Count == 0) return $"**{images.Count} image{(images.Count == 1 ? "" : "s")}**, not gated.";
        // A run that could not judge says so first, with why: it must never read as a clean run.
        var notJudged = gated.Where(i => i.Gate!.ScanProblem is not null).ToList();
        if (notJudged.Count > 0)
            return $"**NOT JUDGED**: {notJudged.Count} of {gated.Count} image{(gated.Count == 1 ? "" : "s")} could not be judged: "
                + string.Join("; ", notJudged.Select(i => $"{MarkdownText.Escape(i.DisplayName)}: {MarkdownText.Escape(i.Gate!.ScanProblem)}")) + ".";
        var failed = gated.Count(i => i.Gate!.Passed == false);
        return failed == 0
            ? $"**PASSED**: {gated.Count} of {gated.Count} image{(gated.Count == 1 ? "" : "s")} passed the gate."
            : $"**FAILED**: {failed} of {gated.Count} image{(gated.Count == 1 ? "" : "s")} failed the gate.";
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
