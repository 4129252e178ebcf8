using System.Globalization;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Scale mode: key number i of a kind and its counts, computed from i alone, so any page of a million
/// aggregations is built on demand in constant memory. Keys sort in index order (zero-padded numbers).
/// </summary>
public static class SyntheticKeys
{
    public static string Key(string kind, long index, long total)
    {
        var digits = Math.Max(6, (Math.Max(total, 1) - 1).ToString(CultureInfo.InvariantCulture).Length);
        var n = index.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        return kind switch
        {
            AggregationKinds.AccountId => (100000000000L + index).ToString(CultureInfo.InvariantCulture),
            AggregationKinds.ImageBuildVersionArn => $"arn:aws:imagebuilder:us-east-1:123456789012:image/img-{n}/1.0.0/1",
            AggregationKinds.ImagePipelineArn => $"arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/pipeline-{n}",
            AggregationKinds.VulnerabilityId => $"CVE-2025-{n}",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an aggregation kind."),
        };
    }

    /// <summary>Counts for key i: critical + high + medium never exceeds all.</summary>
    public static SeverityCounts Counts(long index)
    {
        var h = (ulong)index * 0x9E3779B97F4A7C15UL;
        h ^= h >> 29;
        var critical = (long)(h % 4);
        var high = (long)((h >> 8) % 9);
        var medium = (long)((h >> 16) % 17);
        var rest = (long)((h >> 24) % 23);
        return new SeverityCounts(critical + high + medium + rest, critical, high, medium);
    }

    public static ExpectedAggregation Aggregation(string kind, long index, long total) =>
        new(kind, Key(kind, index, total), Counts(index));
}
