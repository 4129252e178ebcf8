namespace ImageBuilderScan.Engine.Comparison;

/// <summary>What happened to a (vulnerability id, package) between a reference build and a difference build.
/// The declaration order is the output order: what needs work first.</summary>
public enum ChangeKind
{
    /// <summary>Only in the difference build: new.</summary>
    Added,
    /// <summary>In both, at another severity.</summary>
    SeverityChanged,
    /// <summary>Only in the reference build: gone.</summary>
    Fixed,
    /// <summary>In both, at the same severity.</summary>
    Unchanged,
}

/// <summary>One row of <see cref="FindingComparer.Compare"/>: one vulnerability in one package.</summary>
public sealed record FindingChange
{
    public required ChangeKind Change { get; init; }
    public required string VulnerabilityId { get; init; }
    public required string PackageName { get; init; }
    public string? ReferenceSeverity { get; init; }
    public string? DifferenceSeverity { get; init; }
    public string? ReferenceInstalledVersion { get; init; }
    public string? DifferenceInstalledVersion { get; init; }
    /// <summary>The difference build's fixed-in version, or the reference build's for a fixed row.</summary>
    public string? FixedInVersion { get; init; }
    public string? ReferenceImageBuildVersionArn { get; init; }
    public string? DifferenceImageBuildVersionArn { get; init; }
    public string? Title { get; init; }
    public ScanFinding? ReferenceFinding { get; init; }
    public ScanFinding? DifferenceFinding { get; init; }
}
