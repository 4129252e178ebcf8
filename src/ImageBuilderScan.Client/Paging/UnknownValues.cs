namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// Names, once per listing, each value outside the service model's that the listing's items carry (a severity,
/// an aggregation kind or type, an image state): the item is kept as sent, so a service that adds a value does not
/// break a triage session, and the warning says the gate will not judge from it. At most
/// <see cref="MaxNamed"/> distinct values are named, so memory stays flat whatever the service sends.
/// </summary>
internal sealed class UnknownValues(string operation, IScanLog? log)
{
    public const int MaxNamed = 50;
    private readonly HashSet<(string Member, string? Value)> _named = [];

    /// <summary>Warns about <paramref name="value"/> of <paramref name="member"/> unless it was named before.</summary>
    /// <param name="gate">Which gate does not judge a build with it (say, "a -FixableOnly gate"), for a member only some gates read.</param>
    public void Note(string member, string? value, string expected, string gate = "a gate")
    {
        if (log is null || _named.Count >= MaxNamed || !_named.Add((member, value))) return;
        var what = value is null ? $"an item with no {member}" : $"the {member} {Quoted(value)}";
        log.Warning($"{operation} returned {what}, which is not {expected}: it is kept as sent, and {gate} does not judge a build with it.");
    }

    /// <summary>One of the values, for a warning: <c>one of A, B, C</c>.</summary>
    public static string OneOf(IReadOnlyList<string> known) => "one of " + string.Join(", ", known);

    private static string Quoted(string value) => "'" + InputDisplay.Show(value) + "'";

    /// <summary>The findings page's severities (see <see cref="SeverityRank.Of"/>) and fixAvailable values (<see cref="ServiceValues.FixAvailableValues"/>; a missing one is allowed).</summary>
    public void Findings(ScanPage<ScanFinding> page)
    {
        foreach (var f in page.Items)
        {
            if (SeverityRank.Of(f.Severity) is null) Note("severity", f.Severity, SeverityRank.ExpectedForm);
            if (!ServiceValues.IsKnownOrAbsent(f.FixAvailable, ServiceValues.FixAvailableValues))
                Note("fixAvailable", f.FixAvailable, OneOf(ServiceValues.FixAvailableValues), "a -FixableOnly gate");
        }
    }

    /// <summary>The aggregation page's <c>aggregationType</c> and each aggregation's kind.</summary>
    public void Aggregations(ScanPage<ScanFindingAggregation> page)
    {
        if (!ServiceValues.IsKnownOrAbsent(page.AggregationType, ServiceValues.AggregationTypes))
            Note("aggregationType", page.AggregationType, OneOf(ServiceValues.AggregationTypes));
        foreach (var a in page.Items)
        {
            if (a.UnknownKind is { } kind) Note("aggregation kind", kind, "one of accountAggregation, imageAggregation, imagePipelineAggregation, vulnerabilityIdAggregation");
            if (SeverityCountMembers.Missing(a) is { Count: > 0 } missing) MissingCounts(a.Key, missing);
        }
    }

    /// <summary>
    /// Counts the answer left out (the model requires none of severityCounts' members), warned about once per listing
    /// (the first aggregation that lacks one is named): they are null, unknown, never 0.
    /// </summary>
    private void MissingCounts(string key, IReadOnlyList<string> missing)
    {
        if (log is null || !_named.Add(("severityCounts", null))) return;
        log.Warning($"{operation} returned counts without {string.Join(", ", missing)} (first for {Quoted(key)}): a count the service did not send " +
            "is shown as unknown (null), never as 0, and a gate does not judge a build from it.");
    }

    /// <summary>The image states of a page of image summaries (a pipeline's builds, a version's builds).</summary>
    public void PipelineImages(ScanPage<ImageSummary> page)
    {
        foreach (var image in page.Items)
            if (!ServiceValues.IsKnownOrAbsent(image.State, ServiceValues.ImageStatuses)) Note("image state", image.State, OneOf(ServiceValues.ImageStatuses));
    }
}
