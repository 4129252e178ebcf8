using System.Buffers;

namespace ImageBuilderScan.Client.Http;

/// <summary>Growth of a rented buffer that a body is read into, for both the sync and the async reader.</summary>
internal static class PooledBuffer
{
    /// <summary>When the buffer is full, swaps it for a rented one twice the size holding the same bytes.</summary>
    public static void GrowIfFull(ref byte[] buffer, int length)
    {
        if (length < buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
