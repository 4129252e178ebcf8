using System.Text.Json;
using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Client.Operations;

/// <summary><c>POST /ListImageScanFindings</c>: <c>filters [ {name, values[1]} ]</c>, <c>maxResults</c>, <c>nextToken</c>.</summary>
/// <param name="filterName">Null sends no <c>filters</c>.</param>
/// <param name="filterValue">The one value of the one filter.</param>
internal sealed class ListFindingsRequest(string? filterName, string? filterValue, int? maxResults, string? nextToken)
    : ListingRequest<ScanFinding>(maxResults, nextToken)
{
    public string? FilterName { get; } = filterName;
    public string? FilterValue { get; } = filterValue;

    public override string Operation => ListingOperation.Findings.Name;

    public override ResponseReader<ScanPage<ScanFinding>> Reader => PageReaders.Findings;

    protected override void WriteSelection(Utf8JsonWriter writer)
    {
        if (FilterName is not null)
        {
            writer.WriteStartArray("filters"u8);
            ImageBuilderRequestMarshaller.WriteFilter(writer, FilterName, FilterValue is null ? [] : [FilterValue]);
            writer.WriteEndArray();
        }
    }
}
