namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// Which region each request of a validated query must be sent to. An ARN names its region, and Image Builder answers
/// a request only for the region it is signed for: an ARN of eu-west-1 asked in us-east-1 returns nothing, with no
/// error. So a request never mixes ARNs of two regions (<see cref="Of"/> splits the plan's chunks), and each goes to
/// its ARNs' region unless the caller pinned a region (then another region is an error naming both, before anything
/// is sent). ARNs given together are thus asked as piped ones are, each in its own region, in the order given.
/// </summary>
internal static class QueryRegion
{
    /// <summary>The region <paramref name="value"/> of a <paramref name="filterName"/> filter names: an ARN's own; null for any other value.</summary>
    public static string? Of(string? filterName, string value) =>
        filterName is not null && FilterValueShape.For(filterName) is { IsArn: true } && ImageBuilderArn.TryParse(value) is { Region: { Length: > 0 } region }
            ? region : null;

    /// <summary>
    /// The region to send a request of <paramref name="query"/> for <paramref name="values"/> (one chunk of its plan,
    /// whose values share a region) to: their ARNs' region, else <paramref name="clientRegion"/>; null when neither names
    /// one (the caller refuses it).
    /// </summary>
    public static string? For(ListingQuery query, IReadOnlyList<string> values, string? clientRegion) =>
        (values.Count > 0 ? Of(query.FilterName, values[0]) : null) ?? clientRegion;

    /// <summary>Refuses a query whose ARNs name another region than a pinned <paramref name="clientRegion"/>, before anything is sent.</summary>
    /// <exception cref="ScanRegionException">The ARNs name another region than the pinned one.</exception>
    public static void Check(ListingQuery query, string? clientRegion, bool regionPinned)
    {
        if (!regionPinned) return;
        var others = query.Values.Select(v => Of(query.FilterName, v)).OfType<string>().Where(r => r != clientRegion).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count == 0) return;
        var where = others.Count == 1 ? $"The ARN is in {others[0]}" : $"The ARNs are in {string.Join(", ", others)}";
        throw new ScanRegionException(
            $"{where}, but the region given (-Region) is {clientRegion}: Image Builder answers only for the region a request is signed for, " +
            "so this query would return nothing. Nothing was sent.", others, clientRegion);
    }
}
