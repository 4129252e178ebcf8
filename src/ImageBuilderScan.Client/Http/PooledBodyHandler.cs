using System.Buffers;
using System.Net;

namespace ImageBuilderScan.Client.Http;

/// <summary>Replaces each response's content with the same bytes read in full into a pooled buffer.</summary>
internal sealed class PooledBodyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var original = response.Content;
            var pooled = await PooledContent.LoadAsync(original, RequestIdOf(response), cancellationToken).ConfigureAwait(false);
            response.Content = pooled;
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;
}

internal sealed class PooledContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public static async Task<PooledContent> LoadAsync(HttpContent source, string? requestId, CancellationToken cancellationToken)
    {
        var expected = source.Headers.ContentLength;
        if (expected > ResponseBody.MaxBytes) throw ResponseBody.TooLarge(requestId, expected);
        var buffer = ArrayPool<byte>.Shared.Rent(expected is > 0 ? (int)expected + 1 : 16 * 1024);
        var length = 0;
        try
        {
            await using (var stream = await source.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    // Stops reading at the ceiling: a body that never ends costs at most that much memory.
                    if (length > ResponseBody.MaxBytes) throw ResponseBody.TooLarge(requestId, null);
                    PooledBuffer.GrowIfFull(ref buffer, length);
                }
            }
            if (expected is long declared && declared != length)
                throw new HttpRequestException($"The response body ended after {length} of {declared} bytes.", null, HttpStatusCode.OK);
            var content = new PooledContent(buffer, length);
            foreach (var header in source.Headers)
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            content.Headers.ContentLength = length;
            return content;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(Buffer(), 0, _length);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override Task<Stream> CreateContentReadStreamAsync()
        // publiclyVisible: ResponseBody parses these bytes in place (MemoryStream.TryGetBuffer).
        => Task.FromResult<Stream>(new MemoryStream(Buffer(), 0, _length, writable: false, publiclyVisible: true));

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(PooledContent));

    protected override void Dispose(bool disposing)
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        base.Dispose(disposing);
    }
}
