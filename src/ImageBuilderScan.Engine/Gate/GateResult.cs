namespace ImageBuilderScan.Engine.Gate;

/// <summary>The gate's verdict on one image, with everything a report or a warning needs.</summary>
public sealed record GateResult
{
    public required bool Passed { get; init; }
    public required string ImageBuildVersionArn { get; init; }
    /// <summary>The image name from the ARN (<c>web-frontend-al2023</c>), or the ARN when it does not parse.</summary>
    public required string ImageName { get; init; }
    /// <summary><c>1.4.0/1</c> from the ARN, or null.</summary>
    public string? ImageVersion { get; init; }
    public string? ImagePipelineArn { get; init; }

    /// <summary>The build's region and account (its ARN's), so results of several targets read apart.</summary>
    public string? Region => ImageBuilderArn.RegionOf(ImageBuildVersionArn);
    public string? AccountId => ImageBuilderArn.AccountOf(ImageBuildVersionArn);

    /// <summary>The pipeline or image version ARN given, when this build was judged as that one's newest build; else null.</summary>
    public string? SelectedFrom { get; init; }

    /// <summary>The build whose findings were excused as inherited (-NewOnly), or null.</summary>
    public string? BaselineImageBuildVersionArn { get; init; }

    /// <summary>The scan state the gate was given; null when it was unknown (and so the gate failed).</summary>
    public ImageScanState? ScanState { get; init; }
    public string? ScanStatus => ScanState?.Status;
    public string? ScanReason => ScanState?.Reason;
    public bool ScanComplete => ScanState?.IsComplete == true;

    /// <summary>Why the scan state alone failed the gate ("scan SCANNING (reason): ..."), or null.</summary>
    public string? ScanProblem { get; init; }

    public required GatePolicy Policy { get; init; }
    public required DateTime EvaluatedAt { get; init; }

    /// <summary>Every finding with its verdict, in input order.</summary>
    public required IReadOnlyList<FindingOutcome> Outcomes { get; init; }

    /// <summary>Counts of the findings that counted (violations and counted), by severity.</summary>
    public required SeverityCounts Counts { get; init; }

    /// <summary>The severities whose count went over their allowance, most severe first.</summary>
    public required IReadOnlyList<FindingSeverity> FailedSeverities { get; init; }

    public IReadOnlyList<FindingOutcome> Violations => Where(FindingVerdict.Violation);
    public IReadOnlyList<FindingOutcome> Suppressed => Where(FindingVerdict.Suppressed);
    public IReadOnlyList<FindingOutcome> Inherited => Where(FindingVerdict.Inherited);
    public IReadOnlyList<FindingOutcome> NotFixable => Where(FindingVerdict.NotFixable);
    public int InheritedCount => Inherited.Count;

    /// <summary>Expired exceptions that matched a finding of this image: warn naming entry and date.</summary>
    public required IReadOnlyList<ExpiredExceptionMatch> ExpiredMatches { get; init; }

    /// <summary>Every expired entry of the exceptions file, matched or not.</summary>
    public required IReadOnlyList<ExceptionEntry> ExpiredEntries { get; init; }

    /// <summary>One line: "PASSED", "FAILED: 3 CRITICAL, 7 HIGH (allowed 5) at or above HIGH", "FAILED: scan SCANNING (reason) ...".</summary>
    public required string Summary { get; init; }

    private IReadOnlyList<FindingOutcome> Where(FindingVerdict verdict) => Outcomes.Where(o => o.Verdict == verdict).ToList();
}
