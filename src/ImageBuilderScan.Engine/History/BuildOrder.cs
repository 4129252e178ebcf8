namespace ImageBuilderScan.Engine.History;

/// <summary>
/// Oldest first: by creation date, then by version and build number (a build the service sent no date
/// for sorts by version among its neighbours' dates), then by ARN so the order is total.
/// </summary>
internal sealed class BuildOrder : IComparer<BuildHistoryEntry>
{
    public static readonly BuildOrder Instance = new();

    public int Compare(BuildHistoryEntry? x, BuildHistoryEntry? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byDate = Nullable.Compare(x.DateCreated, y.DateCreated);
        if (byDate != 0 && x.DateCreated is not null && y.DateCreated is not null) return byDate;
        var byVersion = CompareVersions(x.ImageVersion, y.ImageVersion);
        if (byVersion != 0) return byVersion;
        var byBuild = Nullable.Compare(x.BuildNumber, y.BuildNumber);
        if (byBuild != 0) return byBuild;
        if (byDate != 0) return byDate;
        return string.CompareOrdinal(x.ImageBuildVersionArn, y.ImageBuildVersionArn);
    }

    /// <summary>x.y.z numerically, part by part; a part that is not a number compares as text after numbers.</summary>
    internal static int CompareVersions(string? x, string? y)
    {
        if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
        var a = x.Split('.');
        var b = y.Split('.');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var pa = i < a.Length ? a[i] : "0";
            var pb = i < b.Length ? b[i] : "0";
            var na = long.TryParse(pa, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var va);
            var nb = long.TryParse(pb, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var vb);
            var c = na && nb ? va.CompareTo(vb) : na ? -1 : nb ? 1 : string.CompareOrdinal(pa, pb);
            if (c != 0) return c;
        }

        return 0;
    }
}
