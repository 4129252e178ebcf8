
namespace ImageBuilderScan.Benchmarks;

/// <summary>The raw baseline's finding DTOs (System.Text.Json, case-insensitive) and their mapping to <see cref="ScanFinding"/>.</summary>
internal static class RawFindingMapper
{
    public static ScanFinding Map(FindingDto f, string? requestId)
    {
        var details = f.PackageVulnerabilityDetails;
        var first = details?.VulnerablePackages is { Count: > 0 } packages ? packages[0] : null;
        var cvss = f.InspectorScoreDetails?.AdjustedCvss;
        return new ScanFinding
        {
            AccountId = f.AwsAccountId,
            ImageBuildVersionArn = f.ImageBuildVersionArn,
            ImagePipelineArn = f.ImagePipelineArn,
            Type = f.Type,
            Title = f.Title,
            Description = f.Description,
            Severity = f.Severity,
            FirstObservedAt = FromEpoch(f.FirstObservedAt),
            UpdatedAt = FromEpoch(f.UpdatedAt),
            FixAvailable = f.FixAvailable,
            RemediationText = f.Remediation?.Recommendation?.Text,
            RemediationUrl = f.Remediation?.Recommendation?.Url,
            InspectorScore = f.InspectorScore,
            ScoreSource = cvss?.ScoreSource,
            CvssSource = cvss?.CvssSource,
            CvssVersion = cvss?.Version,
            AdjustedCvssScore = cvss?.Score,
            ScoringVector = cvss?.ScoringVector,
            ScoreAdjustments = cvss?.Adjustments?.Select(a => new CvssScoreAdjustment(a.Metric, a.Reason)).ToArray() ?? [],
            VulnerabilityId = details?.VulnerabilityId,
            Source = details?.Source,
            SourceUrl = details?.SourceUrl,
            VendorSeverity = details?.VendorSeverity,
            VendorCreatedAt = FromEpoch(details?.VendorCreatedAt),
            VendorUpdatedAt = FromEpoch(details?.VendorUpdatedAt),
            ReferenceUrls = details?.ReferenceUrls ?? [],
            RelatedVulnerabilities = details?.RelatedVulnerabilities ?? [],
            Cvss = details?.Cvss?.Select(c => new CvssScore(c.BaseScore, c.ScoringVector, c.Version, c.Source)).ToArray() ?? [],
            VulnerablePackages = details?.VulnerablePackages?.Select(p => new VulnerablePackage
            {
                Name = p.Name, Version = p.Version, SourceLayerHash = p.SourceLayerHash, Epoch = p.Epoch, Release = p.Release,
                Arch = p.Arch, PackageManager = p.PackageManager, FilePath = p.FilePath, FixedInVersion = p.FixedInVersion,
                Remediation = p.Remediation,
            }).ToArray() ?? [],
            PackageName = first?.Name,
            InstalledVersion = first is null ? null : InstalledVersion(first),
            FixedInVersion = first?.FixedInVersion,
            RequestId = requestId,
        };
    }

    private static string? InstalledVersion(PackageDto p)
    {
        var v = p.Version;
        if (p.Release is { Length: > 0 } r) v = $"{v}-{r}";
        if (p.Epoch is > 0) v = $"{p.Epoch}:{v}";
        return v;
    }

    private static DateTime? FromEpoch(double? seconds) =>
        seconds is { } s ? DateTime.UnixEpoch.AddTicks((long)(s * TimeSpan.TicksPerSecond)) : null;

    internal sealed class FindingDto
    {
        public string? AwsAccountId { get; set; }
        public string? ImageBuildVersionArn { get; set; }
        public string? ImagePipelineArn { get; set; }
        public string? Type { get; set; }
        public string? Description { get; set; }
        public string? Title { get; set; }
        public RemediationDto? Remediation { get; set; }
        public string? Severity { get; set; }
        public double? FirstObservedAt { get; set; }
        public double? UpdatedAt { get; set; }
        public double? InspectorScore { get; set; }
        public ScoreDetailsDto? InspectorScoreDetails { get; set; }
        public DetailsDto? PackageVulnerabilityDetails { get; set; }
        public string? FixAvailable { get; set; }
    }

    internal sealed class RemediationDto { public RecommendationDto? Recommendation { get; set; } }
    internal sealed class RecommendationDto { public string? Text { get; set; } public string? Url { get; set; } }
    internal sealed class ScoreDetailsDto { public AdjustedCvssDto? AdjustedCvss { get; set; } }

    internal sealed class AdjustedCvssDto
    {
        public string? ScoreSource { get; set; }
        public string? CvssSource { get; set; }
        public string? Version { get; set; }
        public double? Score { get; set; }
        public string? ScoringVector { get; set; }
        public List<AdjustmentDto>? Adjustments { get; set; }
    }

    internal sealed class AdjustmentDto { public string? Metric { get; set; } public string? Reason { get; set; } }

    internal sealed class DetailsDto
    {
        public string? VulnerabilityId { get; set; }
        public List<PackageDto>? VulnerablePackages { get; set; }
        public string? Source { get; set; }
        public List<CvssDto>? Cvss { get; set; }
        public List<string>? RelatedVulnerabilities { get; set; }
        public string? SourceUrl { get; set; }
        public string? VendorSeverity { get; set; }
        public double? VendorCreatedAt { get; set; }
        public double? VendorUpdatedAt { get; set; }
        public List<string>? ReferenceUrls { get; set; }
    }

    internal sealed class CvssDto
    {
        public double? BaseScore { get; set; }
        public string? ScoringVector { get; set; }
        public string? Version { get; set; }
        public string? Source { get; set; }
    }

    internal sealed class PackageDto
    {
        public string? Name { get; set; }
        public string? Version { get; set; }
        public string? SourceLayerHash { get; set; }
        public int? Epoch { get; set; }
        public string? Release { get; set; }
        public string? Arch { get; set; }
        public string? PackageManager { get; set; }
        public string? FilePath { get; set; }
        public string? FixedInVersion { get; set; }
        public string? Remediation { get; set; }
    }
}
