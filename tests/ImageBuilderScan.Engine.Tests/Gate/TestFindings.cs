
namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>Findings and scan states built by hand for the gate, comparison and report tests.</summary>
internal static class TestFindings
{
    public const string Image = "arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.4.0/1";
    public const string NextImage = "arn:aws:imagebuilder:us-east-1:111122223333:image/web-frontend-al2023/1.4.1/2";
    public const string Pipeline = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023";

    public static ImageScanState Complete(string arn = Image) => new(arn, Pipeline, "COMPLETED", null, true, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));

    public static ImageScanState State(string? status, string? reason = null, bool enabled = true) => new(Image, Pipeline, status, reason, enabled, null);

    public static ScanFinding Finding(string id, string severity, string package = "openssl", string? fix = "YES", string arn = Image, double? score = null, params string[] morePackages) =>
        new()
        {
            ImageBuildVersionArn = arn,
            ImagePipelineArn = Pipeline,
            VulnerabilityId = id,
            Severity = severity,
            Title = $"{id} - {package}",
            Description = $"Description of {id}.",
            FixAvailable = fix,
            InspectorScore = score,
            RemediationText = $"Update {package}.",
            SourceUrl = $"https://nvd.nist.gov/vuln/detail/{id}",
            PackageName = package,
            InstalledVersion = "1.0.0",
            FixedInVersion = "1.0.1",
            VulnerablePackages = new[] { package }.Concat(morePackages)
                .Select(p => new VulnerablePackage { Name = p, Version = "1.0.0", Release = "1.amzn2023", Arch = "X86_64", FixedInVersion = "1.0.1" })
                .ToList(),
        };

    /// <summary>The finding with no fix named anywhere: each package's fixed-in version NotAvailable, none on the finding.</summary>
    public static ScanFinding WithoutAFix(ScanFinding finding) => finding with
    {
        FixedInVersion = null,
        VulnerablePackages = finding.VulnerablePackages.Select(p => p with { FixedInVersion = FixedIn.NotAvailable }).ToList(),
    };

    public static List<ScanFinding> Many(string severity, int count, string arn = Image) =>
        Enumerable.Range(1, count).Select(i => Finding($"CVE-2025-{1000 + i}-{severity[0]}", severity, $"pkg{i}", arn: arn)).ToList();
}
