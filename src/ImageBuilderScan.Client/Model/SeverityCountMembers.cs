namespace ImageBuilderScan.Client.Model;

/// <summary>
/// The members of the service model's <c>SeverityCounts</c> (all, critical, high, medium), none of which the model
/// requires: the one home of which of them an answer left out, for the listing's warning and the gate's refusal.
/// </summary>
public static class SeverityCountMembers
{
    /// <summary>The wire names (<c>severityCounts.critical</c>, ...) of the counts that are unknown (null), in the model's order.</summary>
    public static IReadOnlyList<string> Missing(long? all, long? critical, long? high, long? medium)
    {
        if (all is not null && critical is not null && high is not null && medium is not null) return [];
        var missing = new List<string>(4);
        if (all is null) missing.Add("severityCounts.all");
        if (critical is null) missing.Add("severityCounts.critical");
        if (high is null) missing.Add("severityCounts.high");
        if (medium is null) missing.Add("severityCounts.medium");
        return missing;
    }

    /// <summary>The counts of <paramref name="aggregation"/> its answer left out (see <see cref="Missing(long?, long?, long?, long?)"/>).</summary>
    public static IReadOnlyList<string> Missing(ScanFindingAggregation aggregation) =>
        Missing(aggregation.All, aggregation.Critical, aggregation.High, aggregation.Medium);
}
