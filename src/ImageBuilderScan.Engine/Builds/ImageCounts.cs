namespace ImageBuilderScan.Engine.Builds;

/// <summary>
/// A build's findings counted as the service's image aggregation counts them: every finding, and the CRITICAL, HIGH and
/// MEDIUM ones. LOW, INFORMATIONAL and UNTRIAGED findings are counted only in <see cref="All"/> (the model's
/// <c>SeverityCounts</c> has no member for them), so these counts cannot tell those three apart.
/// A count the service's answer left out is null (unknown, never 0: the model requires none of them), and
/// <see cref="Missing"/> names it; nothing may be judged against an unknown count.
/// </summary>
public sealed record ImageCounts(long? All, long? Critical, long? High, long? Medium)
{
    /// <summary>A build the service has no aggregation for: it has no findings, and these zeros are the service's word.</summary>
    public static ImageCounts None { get; } = new(0, 0, 0, 0);

    public static ImageCounts Of(ScanFindingAggregation aggregation) => new(aggregation.All, aggregation.Critical, aggregation.High, aggregation.Medium);

    /// <summary>The wire names of the counts the answer left out (<c>severityCounts.critical</c>, ...); empty when all four are known.</summary>
    public IReadOnlyList<string> Missing => SeverityCountMembers.Missing(All, Critical, High, Medium);

    /// <summary>Findings in hand counted the service's way; a severity the model does not know counts in <see cref="All"/> only.</summary>
    public static ImageCounts Of(IReadOnlyList<ScanFinding> findings)
    {
        long critical = 0, high = 0, medium = 0;
        foreach (var finding in findings)
        {
            switch (SeverityRank.Of(finding.Severity))
            {
                case FindingSeverity.Critical: critical++; break;
                case FindingSeverity.High: high++; break;
                case FindingSeverity.Medium: medium++; break;
            }
        }

        return new ImageCounts(findings.Count, critical, high, medium);
    }

    /// <summary>The severities whose counts differ from <paramref name="service"/>'s (CRITICAL, HIGH, MEDIUM), with both counts
    /// (an unknown count, null, differs from every known one).</summary>
    public IEnumerable<(string Severity, long? Mine, long? Service)> SeveritiesUnlike(ImageCounts service)
    {
        if (Critical != service.Critical) yield return (FindingSeverity.Critical.ToServiceName(), Critical, service.Critical);
        if (High != service.High) yield return (FindingSeverity.High.ToServiceName(), High, service.High);
        if (Medium != service.Medium) yield return (FindingSeverity.Medium.ToServiceName(), Medium, service.Medium);
    }
}
