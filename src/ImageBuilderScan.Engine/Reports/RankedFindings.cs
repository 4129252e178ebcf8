using ImageBuilderScan.Engine.Findings;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// The findings that count (violations, then counted ones), one row per vulnerable package, in the order
/// the reports list them: violations first, most severe, highest scored, then by vulnerability and package.
/// </summary>
internal static class RankedFindings
{
    public static IEnumerable<(ReportImage Image, FindingOutcome Outcome, FindingRow Row)> Of(IEnumerable<ReportImage> images) =>
        images
            .SelectMany(i => i.Findings.Where(o => o.Verdict is FindingVerdict.Violation or FindingVerdict.Counted)
                .SelectMany(o => FindingRow.Of(o.Finding).Select(r => (Image: i, Outcome: o, Row: r))))
            .OrderBy(x => x.Outcome.Verdict)
            .ThenByDescending(x => x.Outcome.Severity)
            .ThenByDescending(x => FindingScore.Of(x.Outcome.Finding))
            .ThenBy(x => x.Row.Key.VulnerabilityId, StringComparer.Ordinal)
            .ThenBy(x => x.Row.Key.PackageName, StringComparer.Ordinal);
}
