using System.Text.Json;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// The request of any listing operation for one chunk of values: the operation's own members (its row's
/// <see cref="ListingOperation{T}.WriteSelection"/>), then <c>maxResults</c> (when the operation takes one and it is set)
/// and <c>nextToken</c>, which every listing sends the same way; answered with one page.
/// </summary>
internal sealed class ListingRequest<T>(ListingOperation<T> listing, string? filterName, IReadOnlyList<string> values, int? maxResults, string? nextToken)
    : ImageBuilderRequest<ScanPage<T>>
{
    public string? FilterName { get; } = filterName;
    public IReadOnlyList<string> FilterValues { get; } = values;
    public int? MaxResults { get; } = maxResults;
    public string? NextToken { get; } = nextToken;

    public override string Operation => listing.Name;

    public override ResponseReader<ScanPage<T>> Reader => listing.Reader;

    public override void WriteBody(Utf8JsonWriter writer)
    {
        listing.WriteSelection(writer, FilterName, FilterValues);
        if (MaxResults is int max) writer.WriteNumber("maxResults"u8, max);
        if (NextToken is not null) writer.WriteString("nextToken"u8, NextToken);
    }
}
