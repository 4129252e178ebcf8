namespace ImageBuilderScan.Engine.Model;

/// <summary>
/// One finding of <c>ListImageScanFindings</c>, flattened to what a person filters on. The first
/// vulnerable package is lifted to <see cref="PackageName"/>, <see cref="InstalledVersion"/> and
/// <see cref="FixedInVersion"/>; every package stays in <see cref="VulnerablePackages"/>.
/// Timestamps are UTC.
/// </summary>
public sealed record ScanFinding
{
    public string? AccountId { get; init; }
    public string? ImageBuildVersionArn { get; init; }
    public string? ImagePipelineArn { get; init; }
    public string? Type { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Severity { get; init; }
    public DateTime? FirstObservedAt { get; init; }
    public DateTime? UpdatedAt { get; init; }
    public string? FixAvailable { get; init; }
    public string? RemediationText { get; init; }
    public string? RemediationUrl { get; init; }

    // inspectorScore and inspectorScoreDetails.adjustedCvss
    public double? InspectorScore { get; init; }
    public string? ScoreSource { get; init; }
    public string? CvssSource { get; init; }
    public string? CvssVersion { get; init; }
    public double? AdjustedCvssScore { get; init; }
    public string? ScoringVector { get; init; }
    public IReadOnlyList<CvssScoreAdjustment> ScoreAdjustments { get; init; } = [];

    // packageVulnerabilityDetails
    public string? VulnerabilityId { get; init; }
    public string? Source { get; init; }
    public string? SourceUrl { get; init; }
    public string? VendorSeverity { get; init; }
    public DateTime? VendorCreatedAt { get; init; }
    public DateTime? VendorUpdatedAt { get; init; }
    public IReadOnlyList<string> ReferenceUrls { get; init; } = [];
    public IReadOnlyList<string> RelatedVulnerabilities { get; init; } = [];
    public IReadOnlyList<CvssScore> Cvss { get; init; } = [];
    public IReadOnlyList<VulnerablePackage> VulnerablePackages { get; init; } = [];

    // Lifted from the first vulnerable package.
    public string? PackageName { get; init; }
    /// <summary>The first package's installed version as <c>[epoch:]version[-release]</c> (epoch only when non-zero).</summary>
    public string? InstalledVersion { get; init; }
    public string? FixedInVersion { get; init; }

    /// <summary>The request id of the page this finding came in.</summary>
    public string? RequestId { get; init; }
}

public sealed record CvssScoreAdjustment(string? Metric, string? Reason)
{
    // Short text for Export-Csv and "$x" (the record's default prints every member's name).
    public override string ToString() => Reason is null ? $"{Metric}" : $"{Metric}: {Reason}";
}

public sealed record CvssScore(double? BaseScore, string? ScoringVector, string? Version, string? Source)
{
    public override string ToString() => string.Join(" ", new[] { Source, Version, BaseScore?.ToString(System.Globalization.CultureInfo.InvariantCulture), ScoringVector }.Where(p => !string.IsNullOrEmpty(p)));
}

public sealed record VulnerablePackage
{
    public string? Name { get; init; }
    public string? Version { get; init; }
    public string? SourceLayerHash { get; init; }
    public int? Epoch { get; init; }
    public string? Release { get; init; }
    public string? Arch { get; init; }
    public string? PackageManager { get; init; }
    public string? FilePath { get; init; }
    public string? FixedInVersion { get; init; }
    public string? Remediation { get; init; }

    public override string ToString() => FixedInVersion is null ? $"{Name} {Version}" : $"{Name} {Version} (fixed in {FixedInVersion})";
}
