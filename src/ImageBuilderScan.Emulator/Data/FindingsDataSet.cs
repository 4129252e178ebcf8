using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The findings the emulator serves and the aggregations computed from them, so both operations agree.
/// Tests compare what a client got with <see cref="ExpectedAggregations"/> and <see cref="ExpectedFindings"/>.
/// </summary>
public sealed class FindingsDataSet
{
    private readonly Dictionary<string, ExpectedAggregation[]> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ExpectedAggregation>> _lookup = new(StringComparer.Ordinal);

    public FindingsDataSet(IReadOnlyList<EmulatedFinding> findings)
    {
        Findings = findings;
        foreach (var kind in AggregationKinds.All)
        {
            var counts = new Dictionary<string, SeverityCounts>(StringComparer.Ordinal);
            foreach (var finding in findings)
            {
                if (finding.KeyFor(kind) is { } key)
                {
                    counts[key] = counts.GetValueOrDefault(key).Add(finding.Severity);
                }
            }
            // Keys in ordinal order: stable across runs, and what the paging position indexes into.
            var sorted = counts.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ExpectedAggregation(kind, p.Key, p.Value)).ToArray();
            _byKind[kind] = sorted;
            _lookup[kind] = sorted.ToDictionary(a => a.Key, StringComparer.Ordinal);
        }
    }

    /// <summary>Every finding, in data set order (the order ListImageScanFindings pages through).</summary>
    public IReadOnlyList<EmulatedFinding> Findings { get; }

    /// <summary>Every key of one kind with its counts, in the order the emulator serves them.</summary>
    public IReadOnlyList<ExpectedAggregation> Aggregations(string kind) =>
        _byKind.TryGetValue(kind, out var list) ? list : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an aggregation kind.");

    /// <summary>
    /// What ListImageScanFindingAggregations returns for a filter (null: no filter, aggregated by account):
    /// the keys of the filter's kind that are among the values and present in the data, in key order.
    /// </summary>
    public IReadOnlyList<ExpectedAggregation> ExpectedAggregations(string? filterName, IReadOnlyCollection<string>? values, bool filterMatchesAll = false)
    {
        var kind = filterName ?? AggregationKinds.AccountId;
        var all = Aggregations(kind);
        if (filterName is null || filterMatchesAll || values is null)
        {
            return all;
        }
        var wanted = new HashSet<string>(values, StringComparer.Ordinal);
        return all.Where(a => wanted.Contains(a.Key)).ToArray();
    }

    /// <summary>What ListImageScanFindings returns for a filter (null: every finding), in data set order.</summary>
    public IReadOnlyList<EmulatedFinding> ExpectedFindings(string? filterName, string? value) =>
        filterName is null ? Findings : Findings.Where(f => string.Equals(f.KeyFor(filterName), value, StringComparison.Ordinal)).ToArray();

    /// <summary>Looks one key up (null when the data set has no finding with that key).</summary>
    public ExpectedAggregation? Find(string kind, string key) =>
        _lookup.TryGetValue(kind, out var map) && map.TryGetValue(key, out var found) ? found : null;

    /// <summary>The data set in the documented file format: {"findings":[...]}.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("findings");
            foreach (var finding in Findings)
            {
                writer.WriteRawValue(finding.Utf8Json);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static FindingsDataSet Load(string path) => Parse(File.ReadAllText(path), path);

    public static FindingsDataSet Parse(string json, string source = "data set") => new(FindingsFileReader.Read(json, source));
}
