using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes a Markdown summary for $GITHUB_STEP_SUMMARY: a verdict line, a counts table per image, the top
/// findings with their fixed-in versions, the suppressed findings with their reasons and the expired exceptions. Every piece of service text goes through
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
        WriteTopFindings(output, images, top, cancellationToken);
        WriteSuppressions(output, images, cancellationToken);
        WriteExpired(output, images, cancellationToken);
    }

    /// <summary>At most this many suppressed findings and expired matches are listed; the rest are counted.</summary>
    public const int MaxListed = 50;

    private static void WriteTopFindings(TextWriter output, IReadOnlyList<ReportImage> images, int top, CancellationToken cancellationToken)
    {
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
                MarkdownText.Escape(FixedIn.Label(row.FixedInVersion)),
                MarkdownText.Escape(image.DisplayName),
                MarkdownText.Escape(outcome.Finding.Title, 120) + " |",
            ]));
        }
    }

    /// <summary>Every finding an exception accepted, with the exception's reason and where it is: a reviewer sees what was let through and why.</summary>
    private static void WriteSuppressions(TextWriter output, IReadOnlyList<ReportImage> images, CancellationToken cancellationToken) =>
        WriteListed(output, "Suppressed", "| Severity | Vulnerability | Package | Image | Reason | Exception |",
            images.Where(i => i.Gate is not null).SelectMany(i => i.Gate!.Suppressed.Select(o => (Image: i, Outcome: o))).ToList(),
            row =>
            {
                var entry = row.Outcome.Exception!;
                var until = entry.ExpiresText is null ? "" : $", until {entry.ExpiresText}";
                return $"| {row.Outcome.Severity.ToServiceName()} | {MarkdownText.Escape(row.Outcome.Finding.VulnerabilityId)} | {MarkdownText.Escape(row.Outcome.Finding.PackageName)} | " +
                    $"{MarkdownText.Escape(row.Image.DisplayName)} | {MarkdownText.Escape(entry.Reason, 160)} | {MarkdownText.Escape(entry.Location + until)} |";
            }, "suppressed finding(s)", cancellationToken);

    /// <summary>Exceptions past their date that matched a finding: they no longer suppress it, and the file wants a look.</summary>
    private static void WriteExpired(TextWriter output, IReadOnlyList<ReportImage> images, CancellationToken cancellationToken) =>
        WriteListed(output, "Expired exceptions", "| Exception | Expired | Matched | Image |",
            images.Where(i => i.Gate is not null).SelectMany(i => i.Gate!.ExpiredMatches.Select(m => (Image: i, Match: m))).ToList(),
            row => $"| {MarkdownText.Escape(row.Match.Exception.VulnerabilityId + " (" + row.Match.Exception.Location + ")")} | {MarkdownText.Escape(row.Match.Exception.ExpiresText)} | " +
                $"{MarkdownText.Escape(row.Match.Finding.VulnerabilityId)} | {MarkdownText.Escape(row.Image.DisplayName)} |",
            "expired match(es)", cancellationToken);

    /// <summary>
    /// A titled table of at most <see cref="MaxListed"/> rows (nothing when there are none), then how many more the
    /// SARIF and JUnit reports hold: a pull request comment stays readable whatever the count.
    /// </summary>
    private static void WriteListed<T>(TextWriter output, string title, string header, IReadOnlyList<T> rows, Func<T, string> format,
        string moreWhat, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        output.WriteLine();
        output.WriteLine($"### {title} ({rows.Count})");
        output.WriteLine();
        output.WriteLine(header);
        output.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", header.Count(c => c == '|') - 1)));
        foreach (var row in rows.Take(MaxListed))
        {
            cancellationToken.ThrowIfCancellationRequested();
            output.WriteLine(format(row));
        }

        if (rows.Count > MaxListed) output.WriteLine($"\n{rows.Count - MaxListed} more {moreWhat} are in the SARIF and JUnit reports.");
    }

    private static string Verdict(IReadOnlyList<ReportImage> images)
    {
        var gated = images.Where(i => i.Gate is not null).ToList();
        // No input at all is what a gate that could not judge leaves behind ($gate empty): never a clean-looking line.
        if (images.Count == 0) return "**NOT JUDGED**: no image result reached this report (a gate that could not judge writes none; its error in the job log says why).";
        if (gated.Count == 0) return $"**{images.Count} image{(images.Count == 1 ? "" : "s")}**, not gated.";
        // A run that could not judge says so first, with why: it must never read as a clean run.
        var notJudged = gated.Where(i => i.Gate!.ScanProblem is not null).ToList();
        if (notJudged.Count > 0)
        {
            // An error of the run that names no build (GateRun.RunLabel: another command's error, a piped object refused) is
            // said apart: counted as an image it would invent one.
            var runErrors = notJudged.Count(i => i.Gate!.ImageBuildVersionArn == GateRun.RunLabel);
            var imageCount = gated.Count - runErrors;
            var what = new List<string>();
            if (notJudged.Count > runErrors) what.Add($"{notJudged.Count - runErrors} of {imageCount} image{(imageCount == 1 ? "" : "s")} could not be judged");
            if (runErrors > 0) what.Add($"{runErrors} error{(runErrors == 1 ? "" : "s")} kept the run from being judged");
            var why = string.Join("; ", notJudged.Select(i => $"{MarkdownText.Escape(i.DisplayName)}: {MarkdownText.Escape(i.Gate!.ScanProblem)}"));
            return $"**NOT JUDGED**: {string.Join(", and ", what)}: {why.TrimEnd('.')}.";
        }
        var failed = gated.Count(i => i.Gate!.Passed == false);
        return failed == 0
            ? $"**PASSED**: {gated.Count} of {gated.Count} image{(gated.Count == 1 ? "" : "s")} passed the gate."
            : $"**FAILED**: {failed} of {gated.Count} image{(gated.Count == 1 ? "" : "s")} failed the gate.";
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
