using System.Buffers;

namespace ImageBuilderScan.Client.Http;

/// <summary>Growth of a rented buffer that a body is read into, for both the sync and the async reader.</summary>
internal static class PooledBuffer
{
    /// <summary>
    /// When the buffer is full, swaps it for a rented one twice the size (but no larger than one byte past the body
    /// ceiling, <see cref="ResponseBody.MaxBytes"/>: the byte that proves a body too large) holding the same bytes.
    /// </summary>
    public static void GrowIfFull(ref byte[] buffer, int length)
    {
        if (length < buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(length + 1, Math.Min(checked(buffer.Length * 2), ResponseBody.MaxBytes + 1)));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
