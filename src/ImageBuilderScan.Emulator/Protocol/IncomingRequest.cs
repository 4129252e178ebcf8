namespace ImageBuilderScan.Emulator;

/// <summary>What every signed endpoint (Image Builder, STS) reads from a request before verifying it.</summary>
internal static class IncomingRequest
{
    /// <summary>The body, read up to just past <paramref name="maxBytes"/> so the caller can refuse an oversized one.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                break;
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A header's values joined as SigV4 canonicalises them, or null when absent.</summary>
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) ? string.Join(',', values.ToArray()) : null;
}
