using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Client.Queries;

/// <summary>
/// Which region a validated query must be sent to. An ARN names its region, and Image Builder answers
/// a request only for the region it is signed for: an ARN of eu-west-1 asked in us-east-1 returns
/// nothing, with no error. So a query by ARN goes to the ARNs' region unless the caller pinned a region
/// (then another region is an error naming both), and ARNs of several regions are an error naming them.
/// </summary>
internal static class QueryRegion
{
    /// <summary>
    /// The region to send <paramref name="query"/> to: <paramref name="clientRegion"/> or the ARNs' one; null when
    /// the client has no region and the query's ARNs name none (the caller refuses it).
    /// </summary>
    /// <exception cref="ScanRegionException">The ARNs name several regions, or another region than a pinned one.</exception>
    public static string? For(ListingQuery query, string? clientRegion, bool regionPinned)
    {
        var regions = ArnRegions(query);
        if (regions.Count == 0 || (regions.Count == 1 && regions[0] == clientRegion)) return clientRegion;
        if (regions.Count > 1)
            throw new ScanRegionException(
                $"The ARNs are in {regions.Count} regions ({string.Join(", ", regions)}); a request is answered only for the region it is signed for, " +
                "so one query cannot span them. Nothing was sent.", regions, clientRegion);
        if (regionPinned)
            throw new ScanRegionException(
                $"The ARN is in {regions[0]}, but the region given is {clientRegion}: Image Builder answers only for the region a request is signed for, " +
                "so this query would return nothing. Nothing was sent.", regions, clientRegion);
        return regions[0];
    }

    private static List<string> ArnRegions(ListingQuery query)
    {
        var regions = new List<string>();
        if (query.FilterName is null || FilterValueShape.For(query.FilterName) is not { IsArn: true }) return regions;
        foreach (var value in query.Values)
        {
            if (ImageBuilderArn.TryParse(value) is { Region: { Length: > 0 } region } && !regions.Contains(region)) regions.Add(region);
        }

        return regions;
    }
}
