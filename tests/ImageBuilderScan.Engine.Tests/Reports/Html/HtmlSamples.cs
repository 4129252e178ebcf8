using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Reports.Html;

/// <summary>
/// Reports made of every kind of input the HTML report takes (gate results, findings, comparisons,
/// history), with hostile text from the service in every place it shows text: names, titles, versions,
/// reasons, URLs. Each probe would change the document title if it ever ran.
/// </summary>
internal static class HtmlSamples
{
    public const string Title = "Image scan report";
    public const string Injected = "INJECTED";

    /// <summary>Markup and script probes: each would set document.title to INJECTED if it were parsed as markup and run.</summary>
    public static readonly string[] Probes =
    [
        "<script>document.title='INJECTED'</script>",
        "<img src=x onerror=\"document.title='INJECTED'\">",
        "\"><svg onload=\"document.title='INJECTED'\"><x a=\"",
        "'><iframe srcdoc=\"<script>parent.document.title='INJECTED'</script>\"></iframe>",
        "</title><script>document.title='INJECTED'</script>",
        "]]><script>document.title='INJECTED'</script><!--",
        "<style>body{display:none}</style><link rel=stylesheet href=https://evil.example/x.css>",
    ];

    /// <summary>The hostile texts: the probes, the other reports' hostile text, and the validator's forbidden characters in one string.</summary>
    public static IEnumerable<string> HostileTexts() =>
        Probes.Append(ReportSamples.Hostile).Append("x" + new string(HostileInput.Forbidden) + "y");

    public static readonly DateTime Start = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Findings whose text is hostile, one per probe, at every severity.</summary>
    public static IReadOnlyList<ScanFinding> HostileFindings()
    {
        var severities = new[] { "CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED" };
        return HostileTexts().Select((text, i) => Finding($"CVE-2026-{1000 + i}", severities[i % severities.Length], "pkg" + i) with
        {
            Title = text, Description = text, RemediationText = text, PackageName = text, InstalledVersion = text, FixedInVersion = text,
            VulnerablePackages = [new VulnerablePackage { Name = text, Version = text, FixedInVersion = text }],
            SourceUrl = "javascript:document.title='INJECTED'",
            ReferenceUrls = ["https://ok.example/advisory?a=1&b=2", "https://ok.example/advisory?a=1&b=\"2\"", "data:text/html,<script>document.title='INJECTED'</script>", "https://ok.example/" + text],
        }).ToList();
    }

    public static IReadOnlyList<FindingChange> Changes() =>
    [
        .. FindingComparer.Compare(
            [Finding("CVE-2026-1", "HIGH", "openssl"), Finding("CVE-2026-2", "MEDIUM", "curl"), Finding(Probes[0], "LOW", Probes[1])],
            [Finding("CVE-2026-2", "HIGH", "curl", arn: NextImage), Finding("CVE-2026-3", "CRITICAL", "glibc", arn: NextImage), Finding(Probes[2], "LOW", Probes[3], arn: NextImage)])
            .Select(c => c with { ReferenceImageBuildVersionArn = Image, DifferenceImageBuildVersionArn = NextImage }),
    ];

    /// <summary>
    /// Two pipelines of <paramref name="builds"/> builds a week apart; every fifth build's scan did not
    /// complete; the second pipeline's name and image names are hostile.
    /// </summary>
    public static IReadOnlyList<BuildHistoryEntry> History(int builds = 8)
    {
        var result = new List<BuildHistoryEntry>();
        foreach (var (pipeline, region, name) in new[] { ("web-frontend", "us-east-1", "web-frontend"), (Probes[0], "eu-west-1", Probes[1]) })
        {
            for (var i = 0; i < builds; i++)
            {
                var complete = i % 5 != 3;
                result.Add(new BuildHistoryEntry
                {
                    ImagePipelineArn = $"arn:aws:imagebuilder:{region}:111122223333:image-pipeline/{pipeline}",
                    PipelineName = pipeline,
                    ImageBuildVersionArn = $"arn:aws:imagebuilder:{region}:111122223333:image/{pipeline}/1.{i / 3}.{i % 3}/{i + 1}",
                    ImageName = name,
                    ImageVersion = $"1.{i / 3}.{i % 3}",
                    BuildNumber = i + 1,
                    DateCreated = Start.AddDays(7 * i),
                    ImageState = "AVAILABLE",
                    ScanStatus = complete ? "COMPLETED" : "FAILED",
                    ScanReason = complete ? null : Probes[4],
                    ScanComplete = complete,
                    Critical = complete ? (i * 7) % 4 : null,
                    High = complete ? 10 - i % 10 : null,
                    Medium = complete ? 3 + (i * 3) % 5 : null,
                    All = complete ? (i * 7) % 4 + 10 - i % 10 + 3 + (i * 3) % 5 + i % 3 : null,
                    Region = region,
                    AccountId = "111122223333",
                });
            }
        }

        return result;
    }

    /// <summary>Gate results: one failing with violations, a suppressed finding (hostile reason) and an expired exception; one whose scan is still running.</summary>
    public static IReadOnlyList<ReportImage> Gated()
    {
        var yaml = "- vulnerabilityId: CVE-SUPPRESSED\n  reason: \"Not reachable <script>document.title='INJECTED'</script>\"\n" +
            "- vulnerabilityId: CVE-EXPIRED\n  reason: \"Old <img src=x onerror=alert(1)>\"\n  expires: 2026-01-01\n";
        var exceptions = ImageBuilderScan.Engine.Gate.ExceptionsFile.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "ex.yaml");
        var policy = new ImageBuilderScan.Engine.Gate.GatePolicy { Exceptions = exceptions };
        var evaluator = new ImageBuilderScan.Engine.Gate.GateEvaluator(new ImageBuilderScan.Engine.Tests.Gate.FixedClock(ReportSamples.Now));
        var failing = evaluator.Evaluate(Image, Complete(), [.. HostileFindings(), Finding("CVE-SUPPRESSED", "CRITICAL", "log4j-core"), Finding("CVE-EXPIRED", "HIGH", "zlib")], policy);
        var scanning = evaluator.Evaluate(NextImage, State("SCANNING", Probes[5]) with { ImageBuildVersionArn = NextImage }, [], policy);
        return ReportImage.From([failing, scanning]);
    }

    /// <summary>Every kind of input in one report: gate results (with suppressed findings and an expired exception), comparisons and history.</summary>
    public static HtmlReportContent Everything() => new()
    {
        Images = Gated(),
        Changes = Changes(),
        History = History(),
        MadeAt = ReportSamples.Now,
    };

    /// <summary>Findings only, every one hostile.</summary>
    public static HtmlReportContent Findings() => new()
    {
        Images = ReportImage.FromFindings(HostileFindings()),
        MadeAt = ReportSamples.Now,
    };

    public static string Render(HtmlReportContent content)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(writer, content);
        return writer.ToString();
    }
}
