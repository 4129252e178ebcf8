using System.Buffers;

namespace ImageBuilderScan.Client.Http;

/// <summary>A response body read whole into a pooled buffer, so parsing allocates only its results.</summary>
internal readonly struct ResponseBody : IDisposable
{
    private readonly byte[] _buffer;
    private readonly int _offset;
    private readonly int _length;
    // False when the bytes belong to someone else (the pooled HTTP content): nothing to return.
    private readonly bool _rented;

    private ResponseBody(byte[] buffer, int offset, int length, bool rented)
    {
        _buffer = buffer;
        _offset = offset;
        _length = length;
        _rented = rented;
    }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_offset, _length);

    /// <summary>
    /// The largest response body read (8 MiB). A page of 25 findings is some tens of KiB, a page of the most
    /// aggregations one page may hold (<see cref="ListingOperation.MaxAggregationsPerPage"/>) a few MiB and the longest
    /// token 64 KiB; a larger body is refused before more of it is read, so memory stays bounded.
    /// </summary>
    public const int MaxBytes = 8 * 1024 * 1024;

    /// <summary>The error for a body over <see cref="MaxBytes"/> (<c>ResponseTooLarge</c>).</summary>
    public static ScanProtocolException TooLarge(string? requestId, long? declared) => new("ResponseTooLarge",
        $"The service's response {(declared is { } n ? $"declares {n} bytes" : "ran past")} the ceiling of {MaxBytes} bytes (request id " +
        $"{InputDisplay.RequestId(requestId)}); no real page is that large, so it was not read. Nothing from this page was emitted.", requestId);

    public static ResponseBody Read(Stream stream, long contentLength)
    {
        // The usual case: the body is already whole in memory (PooledContent's stream); parse it
        // where it lies instead of copying a page into a second buffer. The content outlives the
        // parse: the SDK disposes the response only after the unmarshaller returned.
        if (stream is MemoryStream { Position: 0 } memory && memory.TryGetBuffer(out var whole))
            return new ResponseBody(whole.Array!, whole.Offset, whole.Count, rented: false);

        var size = contentLength is > 0 and <= MaxBytes ? (int)contentLength + 1 : 16 * 1024;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        try
        {
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length > MaxBytes) throw TooLarge(null, null);
                PooledBuffer.GrowIfFull(ref buffer, length);
            }
            return new ResponseBody(buffer, 0, length, rented: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_rented && _buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
    }
}
