namespace ImageBuilderScan.Client.Model;

/// <summary>
/// One finding of <c>ListImageScanFindings</c>, flattened to what a person filters on. The first
/// vulnerable package is lifted to <see cref="PackageName"/>, <see cref="InstalledVersion"/> and
/// <see cref="FixedInVersion"/>; every package stays in <see cref="VulnerablePackages"/>.
/// Timestamps are UTC. Read-only outside the engine (internal setters: PowerShell sets a public
/// init-only property by reflection); <see cref="Severity"/> sorts by rank in PowerShell through the
/// module's type data (ImageBuilderScan.Types.ps1xml and <see cref="ScanSeverity"/>).
/// </summary>
public sealed record ScanFinding : IPageItem
{
    /// <summary>The members as C# prints them, made inert (<see cref="Text.InputDisplay.Printed"/>); the values stay as sent.</summary>
    public override string ToString() => Text.InputDisplay.Printed(nameof(ScanFinding), PrintMembers);

    /// <summary>
    /// This finding as one row per vulnerable package, for spreadsheets (Export-Csv writes a list as one cell): each
    /// row is the finding with that package lifted to PackageName, InstalledVersion and FixedInVersion, and
    /// VulnerablePackages holding that package only. A finding with at most one package is its own only row.
    /// </summary>
    public IReadOnlyList<ScanFinding> PerPackage()
    {
        if (VulnerablePackages.Count <= 1) return [this];
        var rows = new ScanFinding[VulnerablePackages.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var package = VulnerablePackages[i];
            rows[i] = this with
            {
                PackageName = package.Name,
                InstalledVersion = package.InstalledVersion(),
                FixedInVersion = package.FixedInVersion,
                VulnerablePackages = ValueList<VulnerablePackage>.Of([package]),
            };
        }

        return rows;
    }

    public string? AccountId { get; internal init; }

    /// <summary>The region of the finding's image (its ARN's region part), so fan-out results group by region.</summary>
    public string? Region => ImageBuilderArn.RegionOf(ImageBuildVersionArn);
    public string? ImageBuildVersionArn { get; internal init; }
    public string? ImagePipelineArn { get; internal init; }
    public string? Type { get; internal init; }
    public string? Title { get; internal init; }
    public string? Description { get; internal init; }
    public string? Severity { get; internal init; }
    public DateTime? FirstObservedAt { get; internal init; }
    public DateTime? UpdatedAt { get; internal init; }
    public string? FixAvailable { get; internal init; }
    public string? RemediationText { get; internal init; }
    public string? RemediationUrl { get; internal init; }

    // inspectorScore and inspectorScoreDetails.adjustedCvss
    public double? InspectorScore { get; internal init; }
    public string? ScoreSource { get; internal init; }
    public string? CvssSource { get; internal init; }
    public string? CvssVersion { get; internal init; }
    public double? AdjustedCvssScore { get; internal init; }
    public string? ScoringVector { get; internal init; }
    public IReadOnlyList<CvssScoreAdjustment> ScoreAdjustments { get; internal init; } = [];

    // packageVulnerabilityDetails
    public string? VulnerabilityId { get; internal init; }
    public string? Source { get; internal init; }
    public string? SourceUrl { get; internal init; }
    public string? VendorSeverity { get; internal init; }
    public DateTime? VendorCreatedAt { get; internal init; }
    public DateTime? VendorUpdatedAt { get; internal init; }
    public IReadOnlyList<string> ReferenceUrls { get; internal init; } = [];
    public IReadOnlyList<string> RelatedVulnerabilities { get; internal init; } = [];
    public IReadOnlyList<CvssScore> Cvss { get; internal init; } = [];
    public IReadOnlyList<VulnerablePackage> VulnerablePackages { get; internal init; } = [];

    // Lifted from the first vulnerable package.
    public string? PackageName { get; internal init; }
    /// <summary>The first package's installed version as <c>[epoch:]version[-release]</c> (epoch only when non-zero).</summary>
    public string? InstalledVersion { get; internal init; }
    public string? FixedInVersion { get; internal init; }

    /// <summary>The request id of the page this finding came in.</summary>
    public string? RequestId { get => _requestId; internal init => _requestId = value; }
    private string? _requestId;

    bool IPageItem.NeedsAccount => false;

    string? IPageItem.NamedArn => ImageBuildVersionArn;

    void IPageItem.Stamp(in PageOrigin origin) => _requestId = origin.RequestId;
}

public sealed record CvssScoreAdjustment
{
    public CvssScoreAdjustment(string? metric, string? reason) => (Metric, Reason) = (metric, reason);

    public string? Metric { get; }
    public string? Reason { get; }

    // Short text for Export-Csv and "$x" (the record's default prints every member's name).
    public override string ToString() => Text.InputDisplay.Inert(Reason is null ? $"{Metric}" : $"{Metric}: {Reason}");
}

public sealed record CvssScore
{
    public CvssScore(double? baseScore, string? scoringVector, string? version, string? source)
        => (BaseScore, ScoringVector, Version, Source) = (baseScore, scoringVector, version, source);

    public double? BaseScore { get; }
    public string? ScoringVector { get; }
    public string? Version { get; }
    public string? Source { get; }

    public override string ToString() => Text.InputDisplay.Inert(string.Join(" ", new[] { Source, Version, BaseScore?.ToString(System.Globalization.CultureInfo.InvariantCulture), ScoringVector }.Where(p => !string.IsNullOrEmpty(p))));
}

public sealed record VulnerablePackage
{
    /// <summary><c>[epoch:]version[-release]</c>, the epoch only when non-zero; null without a version.</summary>
    public string? InstalledVersion()
    {
        if (Version is null) return null;
        var hasEpoch = Epoch is int epoch && epoch != 0;
        var hasRelease = !string.IsNullOrEmpty(Release);
        if (!hasEpoch && !hasRelease) return Version;
        return (hasEpoch ? Epoch + ":" : "") + Version + (hasRelease ? "-" + Release : "");
    }

    public string? Name { get; internal init; }
    public string? Version { get; internal init; }
    public string? SourceLayerHash { get; internal init; }
    public int? Epoch { get; internal init; }
    public string? Release { get; internal init; }
    public string? Arch { get; internal init; }
    public string? PackageManager { get; internal init; }
    public string? FilePath { get; internal init; }
    public string? FixedInVersion { get; internal init; }
    public string? Remediation { get; internal init; }

    public override string ToString() => Text.InputDisplay.Inert(FixedIn.Version(FixedInVersion) is { } fix ? $"{Name} {Version} (fixed in {fix})" : $"{Name} {Version}");
}
