using AggregationKinds = ImageBuilderScan.Emulator.AggregationKinds;
using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>
/// One listing the reliability tests run end to end: its query values, what the emulator's data set says
/// it must return (computed from the data, never from another run), and how many pages it takes. Items are
/// compared as identity strings so a duplicate, a gap, a reorder or a wrong count all show.
/// </summary>
internal abstract class Workload
{
    public static readonly Workload Aggregations = new AggregationWorkload();
    public static readonly Workload Findings = new FindingWorkload();
    public static readonly IReadOnlyList<Workload> Both = [Aggregations, Findings];

    public static Workload Of(EmulatorOperation operation) =>
        operation == EmulatorOperation.ListImageScanFindingAggregations ? Aggregations : Findings;

    public abstract EmulatorOperation Operation { get; }
    public abstract IReadOnlyList<string> Values(FindingsDataSet data);
    public abstract IReadOnlyList<string> Expected(FindingsDataSet data);
    /// <summary>Requests a fault-free run takes, from the data set and the page sizes.</summary>
    public abstract int PageCount(FindingsDataSet data);
    public abstract IAsyncEnumerable<string> ListAsync(ImageBuilderScanClient client, IReadOnlyList<string> values, string? token, CancellationToken ct);
    public override string ToString() => Operation.ToString();

    protected static int Pages(int items, int pageSize) => Math.Max(1, (items + pageSize - 1) / pageSize);

    /// <summary>18 image build versions, 10 values a request (two requests), 3 keys a page: 4 + 3 pages.</summary>
    private sealed class AggregationWorkload : Workload
    {
        private const string Filter = FilterNames.ImageBuildVersionArn;
        public override EmulatorOperation Operation => EmulatorOperation.ListImageScanFindingAggregations;

        // Ordinal order, so the chunks of 10 concatenated are the data set's own key order.
        public override IReadOnlyList<string> Values(FindingsDataSet data) =>
            data.Aggregations(AggregationKinds.ImageBuildVersionArn).Select(a => a.Key).ToArray();

        public override IReadOnlyList<string> Expected(FindingsDataSet data) =>
            data.ExpectedAggregations(Filter, Values(data).ToArray())
                .Select(a => Identity(a.Key, a.Counts.All, a.Counts.Critical, a.Counts.High, a.Counts.Medium)).ToArray();

        public override int PageCount(FindingsDataSet data) =>
            Values(data).Chunk(QueryValidator.MaxValuesPerAggregationRequest)
                .Sum(chunk => Pages(data.ExpectedAggregations(Filter, chunk).Count, 3));

        public override async IAsyncEnumerable<string> ListAsync(ImageBuilderScanClient client, IReadOnlyList<string> values,
            string? token, [EnumeratorCancellation] CancellationToken ct)
        {
            var query = new AggregationQuery { FilterName = Filter, Values = values, NextToken = token };
            await foreach (var a in client.GetAggregationsAsync(query, ct))
                yield return Identity(a.Key, a.All, a.Critical, a.High, a.Medium);
        }

        private static string Identity(string key, long? all, long? critical, long? high, long? medium) =>
            $"{key} all={all} critical={critical} high={high} medium={medium}";
    }

    /// <summary>Two pipelines (one value a request), 18 findings each, 7 a page: 3 + 3 pages.</summary>
    private sealed class FindingWorkload : Workload
    {
        private const string Filter = FilterNames.ImagePipelineArn;
        private const int PageSize = 7;
        public override EmulatorOperation Operation => EmulatorOperation.ListImageScanFindings;

        public override IReadOnlyList<string> Values(FindingsDataSet data) =>
            data.Aggregations(AggregationKinds.ImagePipelineArn).Select(a => a.Key).Take(2).ToArray();

        public override IReadOnlyList<string> Expected(FindingsDataSet data) =>
            Values(data).SelectMany(v => data.ExpectedFindings(Filter, v))
                .Select(f => Identity(f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, TitleOf(f.Json))).ToArray();

        public override int PageCount(FindingsDataSet data) =>
            Values(data).Sum(v => Pages(data.ExpectedFindings(Filter, v).Count, PageSize));

        public override async IAsyncEnumerable<string> ListAsync(ImageBuilderScanClient client, IReadOnlyList<string> values,
            string? token, [EnumeratorCancellation] CancellationToken ct)
        {
            var query = new FindingQuery { FilterName = Filter, Values = values, NextToken = token, PageSize = PageSize };
            await foreach (var f in client.GetFindingsAsync(query, ct))
                yield return Identity(f.ImageBuildVersionArn, f.VulnerabilityId, f.Severity, f.Title);
        }

        private static string? TitleOf(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("title", out var title) ? title.GetString() : null;
        }

        private static string Identity(string? image, string? vulnerability, string? severity, string? title) =>
            $"{image} {vulnerability} {severity} {title}";
    }
}
