using System.Text.Json;
using static ImageBuilderScan.Engine.Sdk.JsonShapeReader;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// The response of any listing operation: <c>requestId</c>, <c>nextToken</c>, one array of items
/// and (aggregations only) <c>aggregationType</c>. A subclass names its array and reads one item.
/// </summary>
/// <remarks>
/// Items carry the page's request id and aggregation type. Both usually come before the array, so
/// items are created with them; when a member comes after the array, the items are restamped once.
/// </remarks>
internal abstract class PageReader<T> : ResponseReader<WirePage<T>>
{
    /// <summary>The member holding the items, e.g. <c>findings</c>.</summary>
    protected abstract string ItemsMember { get; }

    protected virtual int ExpectedItems => 25;

    /// <summary>Whether the response has an <c>aggregationType</c> member (else it is skipped like any unknown member).</summary>
    protected virtual bool HasAggregationType => false;

    protected abstract T ReadItem(ref Utf8JsonReader reader, string? requestId, string? aggregationType);

    /// <summary>The item with the page's final request id and aggregation type.</summary>
    protected abstract T Restamp(T item, string? requestId, string? aggregationType);

    /// <summary>Whether the item already carries these values (so no restamp is needed).</summary>
    protected abstract bool IsStamped(T item, string? requestId, string? aggregationType);

    public sealed override WirePage<T> Read(ref Utf8JsonReader reader, string? headerRequestId)
    {
        string? bodyRequestId = null, nextToken = null, aggregationType = null;
        List<T>? items = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("requestId"u8)) bodyRequestId = ReadString(ref reader, "requestId");
            else if (reader.ValueTextEquals("nextToken"u8)) nextToken = ReadString(ref reader, "nextToken");
            else if (HasAggregationType && reader.ValueTextEquals("aggregationType"u8)) aggregationType = ReadString(ref reader, "aggregationType");
            else if (reader.ValueTextEquals(ItemsMember))
            {
                if (!BeginArray(ref reader, ItemsMember)) continue;
                var requestId = bodyRequestId ?? headerRequestId;
                items ??= new List<T>(ExpectedItems);
                while (NextElement(ref reader)) items.Add(ReadItem(ref reader, requestId, aggregationType));
            }
            else SkipValue(ref reader);
        }

        var pageRequestId = bodyRequestId ?? headerRequestId;
        if (items is { Count: > 0 } && !IsStamped(items[0], pageRequestId, aggregationType))
        {
            for (var i = 0; i < items.Count; i++) items[i] = Restamp(items[i], pageRequestId, aggregationType);
        }

        return new WirePage<T>(items is null ? [] : items, pageRequestId, nextToken, aggregationType);
    }
}
