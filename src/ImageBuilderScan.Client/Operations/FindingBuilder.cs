namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// The members of one finding as they are read, in whatever order the JSON has them, turned into
/// one immutable <see cref="ScanFinding"/> at the end (one allocation, not one per member).
/// </summary>
internal sealed class FindingBuilder
{
    public string? AccountId, ImageBuildVersionArn, ImagePipelineArn, Type, Title, Description, Severity, FixAvailable;
    public DateTime? FirstObservedAt, UpdatedAt, VendorCreatedAt, VendorUpdatedAt;
    public string? RemediationText, RemediationUrl;
    public double? InspectorScore, AdjustedCvssScore;
    public string? ScoreSource, CvssSource, CvssVersion, ScoringVector;
    public IReadOnlyList<CvssScoreAdjustment> ScoreAdjustments = [];
    public string? VulnerabilityId, Source, SourceUrl, VendorSeverity;
    public IReadOnlyList<string> ReferenceUrls = [], RelatedVulnerabilities = [];
    public IReadOnlyList<CvssScore> Cvss = [];
    public IReadOnlyList<VulnerablePackage> VulnerablePackages = [];

    public ScanFinding Build()
    {
        var first = VulnerablePackages.Count > 0 ? VulnerablePackages[0] : null;
        return new ScanFinding
        {
            AccountId = AccountId, ImageBuildVersionArn = ImageBuildVersionArn, ImagePipelineArn = ImagePipelineArn,
            Type = Type, Title = Title, Description = Description, Severity = Severity,
            FirstObservedAt = FirstObservedAt, UpdatedAt = UpdatedAt, FixAvailable = FixAvailable,
            RemediationText = RemediationText, RemediationUrl = RemediationUrl,
            InspectorScore = InspectorScore, ScoreSource = ScoreSource, CvssSource = CvssSource, CvssVersion = CvssVersion,
            AdjustedCvssScore = AdjustedCvssScore, ScoringVector = ScoringVector, ScoreAdjustments = ValueList<CvssScoreAdjustment>.Of(ScoreAdjustments),
            VulnerabilityId = VulnerabilityId, Source = Source, SourceUrl = SourceUrl, VendorSeverity = VendorSeverity,
            VendorCreatedAt = VendorCreatedAt, VendorUpdatedAt = VendorUpdatedAt,
            ReferenceUrls = ValueList<string>.Of(ReferenceUrls), RelatedVulnerabilities = ValueList<string>.Of(RelatedVulnerabilities), Cvss = ValueList<CvssScore>.Of(Cvss),
            VulnerablePackages = ValueList<VulnerablePackage>.Of(VulnerablePackages),
            PackageName = first?.Name,
            InstalledVersion = first is null ? null : first.InstalledVersion(),
            FixedInVersion = first?.FixedInVersion,
        };
    }
}
