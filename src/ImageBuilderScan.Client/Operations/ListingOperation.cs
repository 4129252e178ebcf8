using System.Text.Json;

namespace ImageBuilderScan.Client.Operations;

/// <summary>Writes the members that select what a listing lists (a filter, a pipeline ARN) for one chunk of values.</summary>
internal delegate void SelectionWriter(Utf8JsonWriter writer, string? filterName, IReadOnlyList<string> values);

/// <summary>
/// One listing operation as the service model describes it: its name, the filter names it takes and how many
/// values fit in one request (the validator and the paging plan read these), how one request selects what it
/// lists, how its page is read and what is checked on it before any item is handed out. Each is one row, declared
/// beside its query (<c>AggregationQuery.Listing</c>, ...), so a listing is described once and everything else
/// (request, paging, page checks, stamping, resume points) is shared.
/// </summary>
internal abstract class ListingOperation(string name, IReadOnlyList<string> filterNames, int valuesPerRequest, bool requiresValue)
{
    public string Name { get; } = name;
    public IReadOnlyList<string> FilterNames { get; } = filterNames;
    public int ValuesPerRequest { get; } = valuesPerRequest;
    /// <summary>The filter is a required member (a listing of something's children), not an optional narrowing.</summary>
    public bool RequiresValue { get; } = requiresValue;

    /// <summary>
    /// The most aggregations one page may hold. The model sets no maximum and the service's page size is not
    /// documented; a page of aggregations is a few hundred bytes an item, so this bounds one page to a few MiB.
    /// </summary>
    public const int MaxAggregationsPerPage = 10_000;

    /// <summary>The most items a page of a listing that takes <c>maxResults</c> (1 to 25 in the model) holds: findings and images.</summary>
    public const int MaxSizedPage = 25;

    /// <summary><c>"filter": {"name": ..., "values": [...]}</c> when there is a filter (<c>ListImageScanFindingAggregations</c>).</summary>
    public static void WriteFilter(Utf8JsonWriter writer, string? name, IReadOnlyList<string> values)
    {
        if (name is null) return;
        writer.WritePropertyName("filter"u8);
        WriteNameAndValues(writer, name, values);
    }

    /// <summary><c>"filters": [ {"name": ..., "values": [...]} ]</c> when there is a filter (<c>ListImageScanFindings</c>: at most one).</summary>
    public static void WriteFilters(Utf8JsonWriter writer, string? name, IReadOnlyList<string> values)
    {
        if (name is null) return;
        writer.WriteStartArray("filters"u8);
        WriteNameAndValues(writer, name, values);
        writer.WriteEndArray();
    }

    /// <summary><c>{"name": ..., "values": [...]}</c>, the filter shape the scan listings share.</summary>
    private static void WriteNameAndValues(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteStartArray("values"u8);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <inheritdoc cref="ListingOperation"/>
/// <param name="page">The response: its items member and how one item is read.</param>
/// <param name="select">The request's own members for a chunk of values; <c>maxResults</c> and <c>nextToken</c> are every listing's.</param>
/// <param name="note">Notes the page's values outside the model (<see cref="UnknownValues"/>: warned about, kept as sent).</param>
/// <param name="refuse">A page that must not be shown at all (counts that cannot be true), or null; both run before any item is handed out.</param>
internal sealed class ListingOperation<T>(string name, IReadOnlyList<string> filterNames, int valuesPerRequest, bool requiresValue,
    PageReader<T> page, SelectionWriter select, Action<UnknownValues, ScanPage<T>> note, Func<ScanPage<T>, ScanProtocolException?>? refuse = null)
    : ListingOperation(name, filterNames, valuesPerRequest, requiresValue)
{
    public PageReader<T> Reader { get; } = page;

    public SelectionWriter WriteSelection { get; } = select;

    /// <summary>The page's checks: its values noted, then a refusal of it, or null.</summary>
    public ScanProtocolException? Check(UnknownValues unknown, ScanPage<T> page)
    {
        note(unknown, page);
        return refuse?.Invoke(page);
    }

    /// <summary>The request for one chunk of values and one token.</summary>
    public ListingRequest<T> Request(string? filterName, IReadOnlyList<string> values, int? maxResults, string? nextToken) =>
        new(this, filterName, values, maxResults, nextToken);
}
