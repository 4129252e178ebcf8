using System.Runtime.CompilerServices;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>The body reader: in place when the bytes are already whole in memory, copied otherwise.</summary>
public sealed class ResponseBodyTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("{\"responses\":[],\"nextToken\":\"t\"}");

    [Fact]
    public void A_visible_memory_stream_is_read_in_place_from_its_offset()
    {
        var backing = new byte[Json.Length + 10];
        Json.CopyTo(backing, 5);
        using var stream = new MemoryStream(backing, 5, Json.Length, writable: false, publiclyVisible: true);
        using var body = ResponseBody.Read(stream, Json.Length);
        Assert.True(body.Span.SequenceEqual(Json));
        Assert.True(Unsafe.AreSame(ref backing[5], ref System.Runtime.InteropServices.MemoryMarshal.GetReference(body.Span)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Other_streams_are_copied_whole_with_or_without_a_length(bool knownLength)
    {
        using var stream = new TrickleStream(Json);
        using var body = ResponseBody.Read(stream, knownLength ? Json.Length : -1);
        Assert.Equal(Encoding.UTF8.GetString(Json), Encoding.UTF8.GetString(body.Span));
    }

    [Fact]
    public void A_memory_stream_already_partly_read_is_not_taken_from_its_start()
    {
        using var stream = new MemoryStream(Json, 0, Json.Length, writable: false, publiclyVisible: true);
        stream.Position = 1;
        using var body = ResponseBody.Read(stream, -1);
        Assert.Equal(Encoding.UTF8.GetString(Json, 1, Json.Length - 1), Encoding.UTF8.GetString(body.Span));
    }

    /// <summary>Hands out a few bytes per read, like a socket.</summary>
    private sealed class TrickleStream(byte[] data) : Stream
    {
        private int _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 3), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
