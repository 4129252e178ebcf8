using System.Diagnostics;
using System.Globalization;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Benchmarks;

/// <summary>
/// The HTML report at size (issue 24): a 500-build history and a 10,000-finding report, each written by
/// the engine and loaded in headless chromium from file:// (DOM built and dumped). Reported: file size
/// and bytes per finding or build, the engine's write time, and chromium's load time against a blank
/// page loaded by the same browser in the same run (the ratio is the target: the browser's own start is
/// most of a small page's time).
/// </summary>
internal static class HtmlReportWorkload
{
    public sealed record Row(string Name, int Items, string Unit, long Bytes, double WriteSeconds, double LoadSeconds, double BlankSeconds, int Rows)
    {
        public double BytesPerItem => (double)Bytes / Items;
        public double LoadRatio => LoadSeconds / BlankSeconds;
    }

    public static IReadOnlyList<Row> Run(int rounds)
    {
        var chromium = Chromium.Find();
        var folder = Directory.CreateDirectory(Path.Combine(RepoPaths.Root(), "output", "bench", "html")).FullName;
        var blank = Path.Combine(folder, "blank.html");
        File.WriteAllText(blank, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><title>blank</title></head><body><p>blank</p></body></html>");
        var reports = new[]
        {
            ("history of 500 builds", 500, "build", new HtmlReportContent { History = History(500) }),
            ("10,000 findings", 10_000, "finding", new HtmlReportContent { Images = ReportImage.FromFindings(Findings(20, 500)) }),
        };
        var rows = new List<Row>();
        foreach (var (name, items, unit, content) in reports)
        {
            var file = Path.Combine(folder, unit + "s.html");
            var write = Median(rounds, () => ReportWriter.WriteHtmlFile(file, content));
            string dom = "";
            var load = Median(rounds, () => dom = chromium.Load(file).Dom);
            var blankLoad = Median(rounds, () => chromium.Load(blank));
            var domRows = CountOf(dom, "<tr data-");
            rows.Add(new Row(name, items, unit, new FileInfo(file).Length, write, load, blankLoad, domRows));
        }

        return rows;
    }

    public static string Markdown(IReadOnlyList<Row> rows)
    {
        var lines = new List<string>
        {
            "| report | file | bytes per item | engine write | chromium load (DOM dumped) | blank page load | ratio | rows in the DOM |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        foreach (var r in rows)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Bytes / 1048576.0:0.00} MB | {r.BytesPerItem:0} per {r.Unit} | {r.WriteSeconds:0.00} s | {r.LoadSeconds:0.00} s | {r.BlankSeconds:0.00} s | {r.LoadRatio:0.00}x | {r.Rows} |"));
        return string.Join('\n', lines);
    }

    private static double Median(int rounds, Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times.Add(clock.Elapsed.TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>One pipeline's builds a day apart; every 25th scan did not complete.</summary>
    private static List<BuildHistoryEntry> History(int builds) =>
        Enumerable.Range(0, builds).Select(i => new BuildHistoryEntry
        {
            ImagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend",
            PipelineName = "web-frontend",
            ImageBuildVersionArn = $"arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend/1.{i / 100}.{i % 100}/1",
            ImageName = "web-frontend",
            ImageVersion = $"1.{i / 100}.{i % 100}",
            BuildNumber = 1,
            DateCreated = new DateTime(2025, 1, 1, 6, 0, 0, DateTimeKind.Utc).AddDays(i),
            ImageState = "AVAILABLE",
            ScanStatus = i % 25 == 24 ? "FAILED" : "COMPLETED",
            ScanComplete = i % 25 != 24,
            Critical = i % 25 == 24 ? null : i % 4,
            High = i % 25 == 24 ? null : 5 + i % 7,
            Medium = i % 25 == 24 ? null : 10 + i % 11,
            All = i % 25 == 24 ? null : 30 + i % 4 + i % 7 + i % 11,
            Region = "us-east-1",
            AccountId = "111122223333",
        }).ToList();

    /// <summary>Findings of <paramref name="images"/> builds, <paramref name="perImage"/> each, shaped like Inspector's.</summary>
    private static List<ScanFinding> Findings(int images, int perImage)
    {
        var severities = new[] { "CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW", "INFORMATIONAL", "UNTRIAGED" };
        var result = new List<ScanFinding>(images * perImage);
        for (var image = 0; image < images; image++)
        {
            var arn = $"arn:aws:imagebuilder:us-east-1:111122223333:image/service-{image:00}/2.{image}.0/1";
            for (var i = 0; i < perImage; i++)
            {
                var id = $"CVE-2025-{10000 + i}";
                var package = $"package-{i % 180}";
                result.Add(new ScanFinding
                {
                    AccountId = "111122223333",
                    ImageBuildVersionArn = arn,
                    ImagePipelineArn = $"arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/service-{image:00}",
                    VulnerabilityId = id,
                    Severity = severities[i % severities.Length],
                    Title = $"{id} - {package}: a flaw in the parser allows a remote attacker to cause a denial of service",
                    FixAvailable = i % 3 == 0 ? "NO" : "YES",
                    InspectorScore = 1 + i % 90 / 10.0,
                    SourceUrl = $"https://nvd.nist.gov/vuln/detail/{id}",
                    ReferenceUrls = [$"https://www.cve.org/CVERecord?id={id}"],
                    PackageName = package,
                    InstalledVersion = "1.2.3-4.amzn2023",
                    FixedInVersion = i % 3 == 0 ? null : "1.2.3-5.amzn2023",
                    VulnerablePackages = [new VulnerablePackage { Name = package, Version = "1.2.3", Release = "4.amzn2023", Arch = "X86_64", FixedInVersion = i % 3 == 0 ? null : "1.2.3-5.amzn2023" }],
                });
            }
        }

        return result;
    }
}
