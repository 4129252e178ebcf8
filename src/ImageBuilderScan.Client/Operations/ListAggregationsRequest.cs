using System.Text.Json;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImageScanFindingAggregations</c>: <c>filter {name, values[1..10]}</c> and <c>nextToken</c>.</summary>
/// <param name="filterName">Null sends no filter (aggregation by account).</param>
internal sealed class ListAggregationsRequest(string? filterName, IReadOnlyList<string> filterValues, string? nextToken)
    : ListingRequest<ScanFindingAggregation>(maxResults: null, nextToken)
{
    public string? FilterName { get; } = filterName;
    public IReadOnlyList<string> FilterValues { get; } = filterValues;

    public override string Operation => ListingOperation.Aggregations.Name;

    public override ResponseReader<ScanPage<ScanFindingAggregation>> Reader => PageReaders.Aggregations;

    protected override void WriteSelection(Utf8JsonWriter writer)
    {
        if (FilterName is not null)
        {
            writer.WritePropertyName("filter"u8);
            ImageBuilderRequestMarshaller.WriteFilter(writer, FilterName, FilterValues);
        }
    }
}
