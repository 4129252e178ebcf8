namespace ImageBuilderScan.Client.Model;

/// <summary>
/// The enum-like values of the service model (<c>service-2.json</c>) that the module compares, exactly (ordinal,
/// no trimming, no case folding): a value outside them is kept as sent, named in a warning in a listing, and keeps
/// the gate from judging. Severity has its own home (<see cref="SeverityRank"/>), and so do the aggregation kinds
/// (<see cref="AggregationKind"/>).
/// </summary>
public static class ServiceValues
{
    /// <summary><c>ImageScanStatus</c>.</summary>
    public static IReadOnlyList<string> ImageScanStatuses { get; } =
        ["PENDING", "SCANNING", "COLLECTING", "COMPLETED", "ABANDONED", "FAILED", "TIMED_OUT"];

    /// <summary><c>ImageStatus</c> (an image's <c>state.status</c>).</summary>
    public static IReadOnlyList<string> ImageStatuses { get; } =
        ["PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING", "AVAILABLE", "CANCELLED", "FAILED",
         "DEPRECATED", "DELETED", "DISABLED"];

    /// <summary>The <see cref="ImageStatuses"/> of a build still being made, distributed or tested: its scan is yet to come,
    /// and a scan it shows is not the final one.</summary>
    public static IReadOnlyList<string> ImageStatusesUnderWay { get; } = ["PENDING", "CREATING", "BUILDING", "TESTING", "DISTRIBUTING", "INTEGRATING"];

    /// <summary>The <see cref="ImageStatuses"/> of a build that produced no image to judge (or whose image is gone).</summary>
    public static IReadOnlyList<string> ImageStatusesWithoutImage { get; } = ["CANCELLED", "FAILED", "DELETED"];

    /// <summary>
    /// A finding's <c>fixAvailable</c>: Image Builder's model types it as an optional non-empty string, and relays
    /// Inspector's <c>FixAvailable</c> enum, whose values these are. Any other value (an empty one included) keeps a
    /// -FixableOnly gate from judging the build; a missing one is allowed (the member is optional).
    /// </summary>
    public static IReadOnlyList<string> FixAvailableValues { get; } = ["YES", "NO", "PARTIAL"];

    /// <summary>The <c>aggregationType</c> values the API documents (spelled as the filter names it aggregates by).</summary>
    public static IReadOnlyList<string> AggregationTypes { get; } = ["accountId", "imageBuildVersionArn", "imagePipelineArn", "vulnerabilityId"];

    /// <summary>True when <paramref name="value"/> is null (not sent) or one of <paramref name="known"/>, compared exactly.</summary>
    public static bool IsKnownOrAbsent(string? value, IReadOnlyList<string> known) => value is null || IsOneOf(value, known);

    /// <summary>True when <paramref name="value"/> is one of <paramref name="values"/>, compared exactly; false for null.</summary>
    public static bool IsOneOf(string? value, IReadOnlyList<string> values)
    {
        if (value is null) return false;
        for (var i = 0; i < values.Count; i++)
            if (string.Equals(values[i], value, StringComparison.Ordinal)) return true;
        return false;
    }
}
