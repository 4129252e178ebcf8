namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// Checks a page of aggregations before any of its items is emitted, so a count that cannot be
/// true is never shown as if it were: every item needs a key, no count may be negative, and
/// critical + high + medium may not exceed all (low, informational and untriaged make up the rest).
/// </summary>
internal static class PagePlausibility
{
    public static ScanProtocolException? Check(ScanPage<ScanFindingAggregation> page)
    {
        var items = page.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var a = items[i];
            if (string.IsNullOrEmpty(a.Key))
                return new ScanProtocolException("MissingKey",
                    $"The service returned an aggregation without a key (item {i + 1} of the page, request id " +
                    $"{InputDisplay.RequestId(page.RequestId)}). Nothing from this page was emitted.", page.RequestId);

            long? c = a.Critical, h = a.High, m = a.Medium, all = a.All;
            // A count the service left out is unknown (null): the counts it did send must still be plausible.
            var negative = c < 0 || h < 0 || m < 0 || all < 0;
            if (negative || PartsExceed(all, c, h, m))
                return new ScanProtocolException("ImplausibleCounts",
                    $"The service returned implausible counts for '{InputDisplay.Show(a.Key)}' (request id " +
                    $"{InputDisplay.RequestId(page.RequestId)}): critical {Shown(c)}, high {Shown(h)}, medium {Shown(m)}, all {Shown(all)}; " +
                    (negative ? "a count is negative." : "critical + high + medium exceed all.") +
                    " Nothing from this page was emitted.", page.RequestId);
        }
        return null;
    }

    /// <summary>Whether the known parts (critical, high, medium; none negative) exceed a known all. Compared part by part:
    /// summing absurd 64-bit counts could overflow.</summary>
    private static bool PartsExceed(long? all, params long?[] parts)
    {
        if (all is not { } left) return false;
        foreach (var part in parts)
        {
            if (part is not { } p) continue;
            if (p > left) return true;
            left -= p;
        }
        return false;
    }

    private static string Shown(long? count) => count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
}
