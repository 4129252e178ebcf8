using System.Text.Json;
using static ImageBuilderScan.Client.Wire.JsonShapeReader;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Client.Operations;

/// <summary>Reads one item of a page (the reader is on its StartObject) with the page's request id and aggregation type.</summary>
internal delegate T ItemReader<out T>(ref Utf8JsonReader reader, string? requestId, string? aggregationType);

/// <summary>
/// The response of any listing operation: <c>requestId</c>, <c>nextToken</c>, one array of items
/// and (aggregations only) <c>aggregationType</c>. A listing names its array and how to read and restamp one item;
/// the instances are in <see cref="PageReaders"/>.
/// </summary>
/// <remarks>
/// Items carry the page's request id and aggregation type. Both usually come before the array, so
/// items are created with them; when a member comes after the array, the items are restamped once.
/// <para>The items member must be there and be an array (<c>"findings": null</c> is no empty page), and the
/// page may hold at most <paramref name="maxItems"/> items: reading stops at the first item beyond it, so memory
/// stays bounded whatever one page claims. (That a page holds no more than the request asked is the client's check.)</para>
/// </remarks>
/// <param name="itemsMember">The member holding the items, e.g. <c>findings</c>.</param>
/// <param name="maxItems">The most items one page may hold: the model's list maximum, or a documented ceiling.</param>
/// <param name="hasAggregationType">Whether the response has an <c>aggregationType</c> member (else it is skipped like any unknown member).</param>
/// <param name="restamp">The item with the page's final request id and aggregation type.</param>
internal sealed class PageReader<T>(string itemsMember, int expectedItems, int maxItems, bool hasAggregationType,
    ItemReader<T> readItem, Func<T, string?, string?, T> restamp) : ResponseReader<ScanPage<T>>
{
    private readonly string _element = itemsMember + "[]";

    public override ScanPage<T> Read(ref Utf8JsonReader reader, string? headerRequestId)
    {
        string? bodyRequestId = null, nextToken = null, aggregationType = null;
        // What the first item was created with: if the page's values differ at the end, every item is restamped.
        (string? RequestId, string? AggregationType) firstStamp = default;
        List<T>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("requestId"u8)) bodyRequestId = ReadString(ref reader, "requestId");
            else if (reader.ValueTextEquals("nextToken"u8)) nextToken = ReadString(ref reader, "nextToken");
            else if (hasAggregationType && reader.ValueTextEquals("aggregationType"u8)) aggregationType = ReadString(ref reader, "aggregationType");
            else if (reader.ValueTextEquals(itemsMember))
            {
                if (!BeginArray(ref reader, itemsMember)) throw new JsonShapeException($"The response member '{itemsMember}' is null.");
                var requestId = bodyRequestId ?? headerRequestId;
                items = new List<T>(expectedItems);
                while (NextElement(ref reader))
                {
                    if (reader.TokenType != JsonTokenType.StartObject) throw Wrong(_element, "an object", reader.TokenType);
                    if (items.Count == maxItems) throw TooMany(bodyRequestId ?? headerRequestId);
                    if (items.Count == 0) firstStamp = (requestId, aggregationType);
                    items.Add(readItem(ref reader, requestId, aggregationType));
                }
            }
            else SkipResponseMember(ref reader);
        }

        if (items is null) throw new JsonShapeException($"The response has no '{itemsMember}' member.");

        var pageRequestId = bodyRequestId ?? headerRequestId;
        if (items is { Count: > 0 } && firstStamp != (pageRequestId, aggregationType))
        {
            for (var i = 0; i < items.Count; i++) items[i] = restamp(items[i], pageRequestId, aggregationType);
        }

        // The request's own context (token, filter, values) is added by the client: one page record, filled in two steps.
        return new ScanPage<T>(items, pageRequestId, aggregationType, nextToken, RequestToken: null, FilterName: null, FilterValues: []);
    }

    private ScanProtocolException TooMany(string? requestId) => new("TooManyItems",
        $"The service returned more than {maxItems} {itemsMember} in one page (request id {InputDisplay.RequestId(requestId)}), more than one page " +
        "of this operation ever holds; reading stopped there. Nothing from this page was emitted.", requestId);
}
