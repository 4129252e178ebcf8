using ImageBuilderScan.Engine.Tests.Gate;
using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Reports;

/// <summary>Gate results with every verdict, and hostile service text, for the writers.</summary>
internal static class ReportSamples
{
    public static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    public const string Hostile = "# Title <script>alert(1)</script> | [click](https://evil.example/x) ![img](https://evil.example/i.png) `code` **bold** \n> quote\r\n- item www.evil.example https://evil.example a@b.example \u202Eexe.txt &amp;";

    public static IReadOnlyList<ReportImage> Gated()
    {
        var exceptions = ExceptionsFile.Parse("- vulnerabilityId: CVE-SUPPRESSED\n  reason: Not reachable <b>here</b>\n"u8, "ex.yaml");
        var policy = new GatePolicy { Exceptions = exceptions, MaxCount = new Dictionary<FindingSeverity, int> { [FindingSeverity.High] = 1 } };
        var evaluator = new GateEvaluator(new FixedClock(Now));
        var failing = evaluator.Evaluate(Image, Complete(), new[]
        {
            Finding("CVE-2024-6387", "CRITICAL", "openssh-server", score: 8.1),
            Finding("CVE-HIGH-1", "HIGH", "curl", morePackages: "libcurl"),
            Finding("CVE-HIGH-2", "HIGH", "glibc"),
            Finding("CVE-SUPPRESSED", "CRITICAL", "log4j-core"),
            Finding("CVE-LOW", "LOW", "zlib", fix: "NO"),
            Finding("CVE-UNTRIAGED", "UNTRIAGED", "thing") with { InspectorScore = null },
            Finding("CVE-HOSTILE", "MEDIUM", "pkg|<b>") with { Title = Hostile, Description = Hostile, RemediationText = Hostile, ReferenceUrls = ["javascript:alert(1)", "https://ok.example/a"] },
        }, policy);
        var scanning = evaluator.Evaluate(NextImage, State("SCANNING", "Inspector busy") with { ImageBuildVersionArn = NextImage }, [], policy);
        return ReportImage.From([failing, scanning]);
    }

    public static IReadOnlyList<ReportImage> Plain() => ReportImage.FromFindings(
    [
        Finding("CVE-1", "HIGH"),
        Finding("CVE-2", "LOW", arn: NextImage) with { VulnerablePackages = [], PackageName = null },
        new ScanFinding { VulnerabilityId = null, Severity = null },
    ]);
}
