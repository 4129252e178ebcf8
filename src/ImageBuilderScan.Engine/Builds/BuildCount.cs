using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>
/// What the service counts for one build: its image aggregation's <c>severityCounts</c> (all, critical, high, medium;
/// low, informational and untriaged are counted only in all), zero when it has no aggregation.
/// </summary>
public sealed record BuildCount(long All, long Critical, long High, long Medium)
{
    public static BuildCount None { get; } = new(0, 0, 0, 0);

    public static BuildCount Of(ScanFindingAggregation aggregation) =>
        new(aggregation.All, aggregation.Critical, aggregation.High, aggregation.Medium);

    /// <summary>
    /// Why <paramref name="findings"/> are not what the service counts, or null when they are: as many in all, and as
    /// many of each severity it counts. A listing that holds the right number of findings with their severities
    /// lowered (five LOW where five CRITICAL are counted) must not pass a gate any more than one that ended early.
    /// </summary>
    /// <param name="how">How the findings came: <c>were listed</c>, <c>were handed in</c>.</param>
    /// <param name="why">What a difference means, for the message.</param>
    public string? Mismatch(IReadOnlyList<ScanFinding> findings, string how, string why)
    {
        if (findings.Count != All) return $"{findings.Count} finding(s) {how}, but the service counts {All} for this image: {why}";
        long critical = 0, high = 0, medium = 0;
        foreach (var finding in findings)
        {
            // Exactly the service's spelling: a look-alike is no severity (and keeps the gate from judging anyway).
            switch (finding.Severity)
            {
                case "CRITICAL": critical++; break;
                case "HIGH": high++; break;
                case "MEDIUM": medium++; break;
            }
        }

        if (critical == Critical && high == High && medium == Medium) return null;
        return $"the {findings.Count} finding(s) that {how} are CRITICAL {critical}, HIGH {high}, MEDIUM {medium}, but the service counts " +
            $"CRITICAL {Critical}, HIGH {High}, MEDIUM {Medium} for this image: {why}";
    }
}
