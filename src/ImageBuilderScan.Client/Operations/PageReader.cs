using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;

namespace ImageBuilderScan.Client.Operations;

/// <summary>Reads one item of a page (the reader is on its StartObject).</summary>
internal delegate T ItemReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// The response of any listing operation: <c>requestId</c>, <c>nextToken</c>, one array of items
/// and (aggregations only) <c>aggregationType</c>. A listing names its array and how to read one item
/// (its row, <see cref="ListingOperation{T}"/>).
/// </summary>
/// <remarks>
/// Items are read as the service sent them; where they came from (the page's request id and aggregation type,
/// the region and account asked) is given to each once, by the client, after the page passed its checks
/// (see <see cref="Model.PageOrigin"/>), so the members may come in any order and a refused page is never stamped.
/// <para>The items member must be there and be an array (<c>"findings": null</c> is no empty page), and the
/// page may hold at most <paramref name="maxItems"/> items: reading stops at the first item beyond it, so memory
/// stays bounded whatever one page claims. (That a page holds no more than the request asked is the client's check.)</para>
/// </remarks>
/// <param name="itemsMember">The member holding the items, e.g. <c>findings</c>.</param>
/// <param name="expectedItems">The list's first capacity: a usual page's item count.</param>
/// <param name="maxItems">The most items one page may hold: the model's list maximum, or a documented ceiling
/// (<see cref="ListingOperation.MaxSizedPage"/>, <see cref="ListingOperation.MaxAggregationsPerPage"/>).</param>
/// <param name="hasAggregationType">Whether the response has an <c>aggregationType</c> member (else it is skipped like any unknown member).</param>
internal sealed class PageReader<T>(string itemsMember, int expectedItems, int maxItems, ItemReader<T> readItem, bool hasAggregationType = false) : ResponseReader<ScanPage<T>>
{
    private readonly string _element = itemsMember + "[]";

    public override ScanPage<T> Read(ref Utf8JsonReader reader, string? headerRequestId)
    {
        string? bodyRequestId = null, nextToken = null, aggregationType = null;
        List<T>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("requestId"u8)) bodyRequestId = ReadString(ref reader, "requestId");
            else if (reader.ValueTextEquals("nextToken"u8)) nextToken = ReadString(ref reader, "nextToken");
            else if (hasAggregationType && reader.ValueTextEquals("aggregationType"u8)) aggregationType = ReadString(ref reader, "aggregationType");
            else if (reader.ValueTextEquals(itemsMember))
            {
                if (!BeginArray(ref reader, itemsMember)) throw new JsonShapeException($"The response member '{itemsMember}' is null.");
                items = new List<T>(expectedItems);
                while (NextElement(ref reader))
                {
                    if (reader.TokenType != JsonTokenType.StartObject) throw Wrong(_element, "an object", reader.TokenType);
                    if (items.Count == maxItems) throw TooMany(bodyRequestId ?? headerRequestId);
                    items.Add(readItem(ref reader));
                }
            }
            else SkipResponseMember(ref reader);
        }

        if (items is null) throw new JsonShapeException($"The response has no '{itemsMember}' member.");

        // The request's own context (token, filter, values) is added by the client: one page record, filled in two steps.
        return new ScanPage<T>(items, bodyRequestId ?? headerRequestId, aggregationType, nextToken, RequestToken: null, FilterName: null, FilterValues: []);
    }

    private ScanProtocolException TooMany(string? requestId) => new("TooManyItems",
        $"The service returned more than {maxItems} {itemsMember} in one page (request id {InputDisplay.RequestId(requestId)}), more than one page " +
        "of this operation ever holds; reading stopped there. Nothing from this page was emitted.", requestId);
}
