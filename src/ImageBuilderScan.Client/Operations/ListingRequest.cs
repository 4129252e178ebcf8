using System.Text.Json;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Client.Operations;

/// <summary>
/// The request of any listing operation: the operation's own members, then <c>maxResults</c> (when the
/// operation takes one and it is set) and <c>nextToken</c>, which every listing sends the same way.
/// </summary>
internal abstract class ListingRequest<T>(int? maxResults, string? nextToken) : ImageBuilderRequest<ScanPage<T>>
{
    public int? MaxResults { get; } = maxResults;
    public string? NextToken { get; } = nextToken;

    /// <summary>Writes the members that select what is listed (filters, a pipeline ARN).</summary>
    protected abstract void WriteSelection(Utf8JsonWriter writer);

    public sealed override void WriteBody(Utf8JsonWriter writer)
    {
        WriteSelection(writer);
        if (MaxResults is int maxResults) writer.WriteNumber("maxResults"u8, maxResults);
        if (NextToken is not null) writer.WriteString("nextToken"u8, NextToken);
    }
}
