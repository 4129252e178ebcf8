using System.Text.Json.Nodes;
using ImageBuilderScan.Engine.Tests.Gate;

namespace ImageBuilderScan.Engine.Tests.Reports;

/// <summary>The shipped samples together: samples/findings.json through the gate with samples/scan-exceptions.yaml.</summary>
public sealed class SampleDataTests
{
    private static IReadOnlyList<ScanFinding> SampleFindings() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceFiles.RepoRoot, "samples", "findings.json")))!["findings"]!.AsArray().Select(f =>
        {
            var details = f!["packageVulnerabilityDetails"]!;
            var packages = details["vulnerablePackages"]!.AsArray().Select(p => new VulnerablePackage
            {
                Name = (string?)p!["name"], Version = (string?)p["version"], FixedInVersion = (string?)p["fixedInVersion"],
            }).ToList();
            return new ScanFinding
            {
                ImageBuildVersionArn = (string?)f["imageBuildVersionArn"], ImagePipelineArn = (string?)f["imagePipelineArn"],
                Title = (string?)f["title"], Description = (string?)f["description"], Severity = (string?)f["severity"],
                FixAvailable = (string?)f["fixAvailable"], InspectorScore = (double?)f["inspectorScore"],
                VulnerabilityId = (string?)details["vulnerabilityId"], SourceUrl = (string?)details["sourceUrl"],
                VulnerablePackages = packages, PackageName = packages.FirstOrDefault()?.Name,
            };
        }).ToList();

    [Fact]
    public void The_sample_exceptions_suppress_their_sample_findings_and_every_report_is_valid()
    {
        var exceptions = ExceptionsFile.Load(Path.Combine(ReferenceFiles.RepoRoot, "samples", "scan-exceptions.yaml"));
        var evaluator = new GateEvaluator(new FixedClock(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        var gates = SampleFindings().GroupBy(f => f.ImageBuildVersionArn!)
            .Select(g => evaluator.Evaluate(g.Key, new ImageScanState(g.Key, g.First().ImagePipelineArn, "COMPLETED", null, true, null), g.ToList(), new GatePolicy { Exceptions = exceptions }))
            .ToList();
        // samples/findings.json: findings of 10 image build versions (two regions).
        Assert.Equal(10, gates.Count);
        var suppressed = gates.SelectMany(g => g.Suppressed).Select(s => s.Finding.VulnerabilityId).Order().ToList();
        Assert.Equal(["CVE-2021-44228", "CVE-2024-3094", "CVE-2024-6387"], suppressed);
        Assert.Contains(gates, g => !g.Passed);

        var images = ReportImage.From(gates);
        using var sarif = new MemoryStream();
        ReportWriter.Write(sarif, ReportFormat.Sarif, images);
        Assert.Equal(3, JsonNode.Parse(sarif.ToArray())!["runs"]![0]!["results"]!.AsArray().Count(r => r!["suppressions"] is not null));
        using var junit = new MemoryStream();
        ReportWriter.Write(junit, ReportFormat.JUnit, images);
        var xml = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(junit.ToArray()));
        Assert.Equal(3, xml.Descendants("skipped").Count());
    }
}
