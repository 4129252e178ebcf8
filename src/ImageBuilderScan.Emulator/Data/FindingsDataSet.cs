using System.Collections.Concurrent;
using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The findings and images the emulator serves and the aggregations computed from them, so every operation agrees.
/// Tests compare what a client got with <see cref="ExpectedAggregations"/>, <see cref="ExpectedFindings"/> and
/// <see cref="PipelineImages"/>; <see cref="View"/> gives what one region or account sees.
/// </summary>
public sealed class FindingsDataSet
{
    private readonly Dictionary<string, ExpectedAggregation[]> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ExpectedAggregation>> _lookup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedImage> _images;
    private readonly ConcurrentDictionary<DataScope, FindingsDataSet> _views = new();

    /// <summary>A data set whose images are the ones its findings name.</summary>
    public FindingsDataSet(IReadOnlyList<EmulatedFinding> findings) : this(findings, ImageCatalog.Build([], findings, "data set"))
    {
    }

    /// <summary>A data set with its complete image list (images of no finding included).</summary>
    public FindingsDataSet(IReadOnlyList<EmulatedFinding> findings, IReadOnlyList<EmulatedImage> images)
    {
        Findings = findings;
        Images = images;
        _images = images.ToDictionary(i => i.Arn, StringComparer.Ordinal);
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

    /// <summary>Every image: those the data file lists, then those only findings name.</summary>
    public IReadOnlyList<EmulatedImage> Images { get; }

    /// <summary>The regions of the findings and images, in ordinal order.</summary>
    public IReadOnlyList<string> Regions => Findings.Select(f => f.Region).Concat(Images.Select(i => i.Region)).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>What a caller limited to <paramref name="scope"/> sees (the same instance for the same scope).</summary>
    public FindingsDataSet View(DataScope scope) => scope == DataScope.Everything ? this
        : _views.GetOrAdd(scope, s => new FindingsDataSet(
            Findings.Where(f => s.Includes(f.Region, f.AccountId)).ToArray(),
            Images.Where(i => s.Includes(i.Region, i.AccountId)).ToArray()));

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

    /// <summary>One image by its build version ARN (null when unknown).</summary>
    public EmulatedImage? FindImage(string arn) => _images.GetValueOrDefault(arn);

    /// <summary>
    /// What ListImagePipelineImages returns for a pipeline: its images newest first (dateCreated, then version and
    /// build, then ARN, all descending); null when the data set has no image of that pipeline.
    /// </summary>
    public IReadOnlyList<EmulatedImage>? PipelineImages(string pipelineArn)
    {
        var images = ImagesNewestFirst(i => string.Equals(i.ImagePipelineArn, pipelineArn, StringComparison.Ordinal));
        return images.Count == 0 ? null : images;
    }

    /// <summary>The images <paramref name="which"/> selects, as the image listings order them: newest first (dateCreated, then version and build, then ARN, all descending).</summary>
    public IReadOnlyList<EmulatedImage> ImagesNewestFirst(Func<EmulatedImage, bool> which) =>
        Images.Where(which).OrderByDescending(i => i.DateCreated).ThenByDescending(i => i.VersionOrder).ThenByDescending(i => i.Arn, StringComparer.Ordinal).ToArray();

    /// <summary>The data set in the documented file format: {"findings":[...],"images":[...]} (every image listed).</summary>
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
            writer.WriteStartArray("images");
            foreach (var image in Images)
            {
                ImageJson.WriteDataEntry(writer, image);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static FindingsDataSet Load(string path) => Parse(File.ReadAllText(path), path);

    public static FindingsDataSet Parse(string json, string source = "data set")
    {
        var (findings, listed) = FindingsFileReader.Read(json, source);
        return new FindingsDataSet(findings, ImageCatalog.Build(listed, findings, source));
    }
}
