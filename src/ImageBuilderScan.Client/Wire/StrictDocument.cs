using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// The rules every response body meets before an operation's reader looks at it: the whole body is valid
/// UTF-8 (members the readers skip included), it is one JSON object and nothing follows it, and no object
/// anywhere in it names a member twice (the readers would otherwise keep the last, so
/// <c>"severity":"CRITICAL","severity":"LOW"</c> would read LOW). Names are compared unescaped, so
/// <c>"sev\u0065rity"</c> is <c>severity</c>, and ignoring case (Unicode case too, see <c>FoldCase</c>), so <c>"Severity":"CRITICAL","severity":"LOW"</c>
/// is refused too: the readers match names exactly and would read LOW, while a reader that matches them ignoring case
/// (Json.NET, ConvertFrom-Json, Go's encoding/json) reads CRITICAL; no shape of the model has two members
/// that differ only in case. One pass over the tokens, no allocation per member of ASCII name, as every real one is
/// (nor, after a thread's first body, per page).
/// </summary>
internal static class StrictDocument
{
    /// <summary>Objects with more members than this are checked through a hash set instead of a linear scan.</summary>
    private const int LinearScanLimit = 16;

    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <exception cref="JsonShapeException">The body breaks one of the rules.</exception>
    /// <exception cref="JsonException">The body is not JSON, or more follows the document.</exception>
    public static void Check(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body)) throw new JsonShapeException("The response body is not valid UTF-8.");
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonShapeException("The response body is not a JSON object.");
        // One set of name buffers per thread, reused page after page: a new one per page cost ~1.2 KB, about 50 bytes
        // a finding at 25 a page (the engine benchmark's allocation rows). Check is synchronous, so it is never shared.
        var names = t_names ?? new MemberNames();
        t_names = null;
        try
        {
            names.Open();
            // Read() throws when anything but white space follows the document's end.
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: names.Open(); break;
                    case JsonTokenType.EndObject: names.Close(); break;
                    case JsonTokenType.PropertyName:
                        if (!names.Add(ref reader))
                            throw new JsonShapeException($"The response names the member '{InputDisplay.Show(reader.GetString())}' twice in one object (names are compared unescaped and ignoring case).");
                        break;
                }
            }
        }
        finally
        {
            if (names.Reset()) t_names = names;
            else names.Dispose();
        }
    }

    [ThreadStatic]
    private static MemberNames? t_names;

    /// <summary>The member names of each object open on the path to the reader, unescaped and upper-cased, in one pooled arena.</summary>
    private sealed class MemberNames : IDisposable
    {
        private byte[] _arena = ArrayPool<byte>.Shared.Rent(1024);
        private int _used;
        private readonly List<(int Start, int Length, int Hash)> _names = new(64);
        // Per open object: where its names start in _names and _arena, and its hash set once it grew large.
        private readonly Stack<(int FirstName, int ArenaStart, HashSet<int>? Large)> _objects = new();

        public void Open() => _objects.Push((_names.Count, _used, null));

        public void Close()
        {
            var (first, arenaStart, _) = _objects.Pop();
            _names.RemoveRange(first, _names.Count - first);
            _used = arenaStart;
        }

        /// <summary>Records the property name the reader is on; false when its object already has it.</summary>
        public bool Add(ref Utf8JsonReader reader)
        {
            var length = reader.ValueSpan.Length;
            if (_used + length > _arena.Length) Grow(_used + length);
            var name = _arena.AsSpan(_used, length);
            var written = reader.ValueIsEscaped ? reader.CopyString(name) : Copy(reader.ValueSpan, name);
            written = FoldCase(written);
            name = _arena.AsSpan(_used, written);
            var hash = Hash(name);

            var (first, arenaStart, large) = _objects.Peek();
            var count = _names.Count - first;
            if (large is null && count >= LinearScanLimit)
            {
                large = new HashSet<int>(count * 2);
                for (var i = first; i < _names.Count; i++) large.Add(_names[i].Hash);
                _objects.Pop();
                _objects.Push((first, arenaStart, large));
            }

            // A hash seen before is compared byte for byte (hashes of different names may collide).
            if (large is null || !large.Add(hash))
            {
                for (var i = first; i < _names.Count; i++)
                {
                    var seen = _names[i];
                    if (seen.Hash == hash && _arena.AsSpan(seen.Start, seen.Length).SequenceEqual(name)) return false;
                }
            }

            _names.Add((_used, written, hash));
            _used += written;
            return true;
        }

        private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
        {
            from.CopyTo(to);
            return from.Length;
        }

        /// <summary>
        /// Folds the case of the name just copied to the arena's free end: ASCII upper-cased in place; any other name
        /// character by character to the upper case of its lower case, so that the characters a Unicode-folding reader
        /// (Go's encoding/json) takes for ASCII letters fold with them: <c>ſeverity</c> (a long s) and <c>nextToKen</c>
        /// (a Kelvin sign) are <c>SEVERITY</c> and <c>NEXTTOKEN</c>. Returns the folded length (a non-ASCII name may change it).
        /// </summary>
        private int FoldCase(int length)
        {
            var name = _arena.AsSpan(_used, length);
            if (Ascii.IsValid(name))
            {
                Ascii.ToUpperInPlace(name, out _);
                return length;
            }

            var folded = Encoding.UTF8.GetString(name).ToCharArray();
            for (var i = 0; i < folded.Length; i++) folded[i] = char.ToUpperInvariant(char.ToLowerInvariant(folded[i]));
            var needed = Encoding.UTF8.GetByteCount(folded);
            if (_used + needed > _arena.Length) Grow(_used + needed);
            return Encoding.UTF8.GetBytes(folded, _arena.AsSpan(_used, needed));
        }

        private static int Hash(ReadOnlySpan<byte> name)
        {
            var hash = new HashCode();
            hash.AddBytes(name);
            return hash.ToHashCode();
        }

        private void Grow(int needed)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _arena.Length * 2));
            _arena.AsSpan(0, _used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = larger;
        }

        /// <summary>Empties the set for the next body; false when it grew too large to keep (a hostile body's
        /// thousands of names are not held by the thread afterwards).</summary>
        public bool Reset()
        {
            _names.Clear();
            _objects.Clear();
            _used = 0;
            return _arena.Length <= KeptArenaBytes && _names.Capacity <= KeptNames;
        }

        private const int KeptArenaBytes = 16 * 1024;
        private const int KeptNames = 1024;

        public void Dispose() => ArrayPool<byte>.Shared.Return(_arena);
    }
}
