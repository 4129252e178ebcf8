using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// One image as the report writers see it: its findings with verdicts and, when it went through the
/// gate, the gate's result.
/// </summary>
public sealed record ReportImage(string ImageBuildVersionArn, string ImageName, string? ImageVersion, IReadOnlyList<FindingOutcome> Findings, GateResult? Gate)
{
    public static ReportImage From(GateResult gate) =>
        new(gate.ImageBuildVersionArn, gate.ImageName, gate.ImageVersion, gate.Outcomes, gate);

    public static IReadOnlyList<ReportImage> From(IEnumerable<GateResult> gates) => Labelled(gates.Select(From).ToList());

    /// <summary>
    /// Findings that went through no gate, one image per build ARN in first-seen order. A finding at or
    /// above <paramref name="failOn"/> is reported as a failure (SARIF level, JUnit failure), the others
    /// as passing.
    /// </summary>
    public static IReadOnlyList<ReportImage> FromFindings(IEnumerable<ScanFinding> findings, FindingSeverity failOn = FindingSeverity.High) =>
        Labelled(findings
            .GroupBy(f => f.ImageBuildVersionArn ?? "")
            .Select(g =>
            {
                var arn = ImageBuilderArn.TryParse(g.Key);
                var outcomes = g.Select(f => new FindingOutcome(f, SeverityRank.FailClosed(f.Severity) >= failOn ? FindingVerdict.Violation : FindingVerdict.Counted)).ToList();
                var name = arn?.Name ?? (g.Key.Length == 0 ? "unknown-image" : g.Key);
                return new ReportImage(g.Key, name, arn?.Version is null ? null : arn.Build is null ? arn.Version : $"{arn.Version}/{arn.Build}", outcomes, null);
            })
            .ToList());

    /// <summary>The images with labels unique among them (<see cref="BuildLabels"/>): the same build name in two regions or accounts reads apart.</summary>
    public static IReadOnlyList<ReportImage> Labelled(IReadOnlyList<ReportImage> images)
    {
        var labels = BuildLabels.For(images.Select(i => i.ImageBuildVersionArn));
        return images.Select(i => i with { DisplayName = labels.Of(i.ShortName, i.ImageBuildVersionArn) }).ToList();
    }

    /// <summary>"web-frontend-al2023 1.4.0/1", or the name alone.</summary>
    public string ShortName => ImageVersion is null ? ImageName : $"{ImageName} {ImageVersion}";

    /// <summary>
    /// The label reports show: <see cref="ShortName"/>, with the region and account where the report's
    /// images need them to read apart (<see cref="Labelled"/>).
    /// </summary>
    public string DisplayName
    {
        get => _displayName ?? ShortName;
        init => _displayName = value;
    }

    private readonly string? _displayName;

    public bool? Passed => Gate?.Passed;

    public SeverityCounts Counts => Gate?.Counts
        ?? SeverityCounts.Of(Findings.Where(o => o.Verdict is FindingVerdict.Violation or FindingVerdict.Counted).Select(o => o.Severity));
}
