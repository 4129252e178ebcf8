namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// One entry of a scan-exceptions file: a vulnerability accepted for a reason, optionally only in
/// some packages, images or pipelines, optionally until a date.
/// </summary>
/// <remarks>
/// Matching: <see cref="VulnerabilityId"/> exactly, ignoring case. <see cref="Package"/>,
/// <see cref="Image"/> and <see cref="Pipeline"/> are <see cref="Wildcard"/> patterns, ignoring case.
/// A package pattern must match every vulnerable package of the finding: one package left unexcused
/// keeps the finding counting, and so does a package with no name. A pipeline pattern matches the build's own pipeline
/// (GetImage's answer). An image pattern that starts with <c>arn:</c> matches the image build
/// version ARN, any other one the image name.
/// </remarks>
public sealed record ExceptionEntry
{
    public required string VulnerabilityId { get; init; }
    public string? Package { get; init; }
    public string? Image { get; init; }
    public string? Pipeline { get; init; }
    public required string Reason { get; init; }

    /// <summary>The instant the entry stops suppressing (UTC), or null for never. A date means the end of that UTC day.</summary>
    public DateTime? ExpiresAt { get; init; }

    /// <summary>The <c>expires</c> value as written, for messages.</summary>
    public string? ExpiresText { get; init; }

    /// <summary>The file the entry came from and its 1-based line, for messages.</summary>
    public string? Source { get; init; }
    public int Line { get; init; }

    public bool IsExpired(DateTime nowUtc) => ExpiresAt is DateTime at && nowUtc.ToUniversalTime() >= at;

    /// <param name="buildPipelineArn">The pipeline of the build judged, by its own GetImage answer (null: none). The
    /// finding's own imagePipelineArn is never read: it is the listing's claim, which the gate checks against this.</param>
    public bool Matches(ScanFinding finding, string? buildPipelineArn)
    {
        if (!string.Equals(VulnerabilityId, finding.VulnerabilityId, StringComparison.OrdinalIgnoreCase)) return false;
        if (Package is not null && !MatchesEveryPackage(finding)) return false;
        if (Image is not null && !MatchesImage(finding.ImageBuildVersionArn)) return false;
        if (Pipeline is not null && !Wildcard.IsMatch(Pipeline, buildPipelineArn)) return false;
        return true;
    }

    /// <summary>Where the entry is, as "file:line" (or the line alone).</summary>
    public string Location => Source is null ? $"line {Line}" : $"{Source}:{Line}";

    public override string ToString() =>
        $"{VulnerabilityId}{(Package is null ? "" : " package " + Package)}{(Image is null ? "" : " image " + Image)}{(Pipeline is null ? "" : " pipeline " + Pipeline)} ({Location})";

    /// <summary>Each package by its own name: an unnamed package matches no pattern (never the first package's lifted name).</summary>
    private bool MatchesEveryPackage(ScanFinding finding)
    {
        var names = finding.VulnerablePackages.Count == 0
            ? [finding.PackageName]
            : finding.VulnerablePackages.Select(p => p.Name);
        return names.All(n => !string.IsNullOrEmpty(n) && Wildcard.IsMatch(Package!, n));
    }

    private bool MatchesImage(string? imageBuildVersionArn)
    {
        if (Image!.StartsWith("arn:", StringComparison.OrdinalIgnoreCase)) return Wildcard.IsMatch(Image, imageBuildVersionArn);
        return Wildcard.IsMatch(Image, ImageBuilderArn.TryParse(imageBuildVersionArn)?.Name);
    }
}
