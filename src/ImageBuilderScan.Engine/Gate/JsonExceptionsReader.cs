using System.Text.Json;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Reads the JSON form token by token (no document is built), with the same shape as the YAML form:
/// a list of entries, or an object whose one key "exceptions" holds it.
/// </summary>
internal static class JsonExceptionsReader
{
    public static List<RawEntry> Read(string text, string source)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = ExceptionsFileLimits.MaxDepth + 1, CommentHandling = JsonCommentHandling.Skip });
        var lines = new LineCounter(bytes);
        try
        {
            return ReadRoot(ref reader, lines, source);
        }
        catch (JsonException e)
        {
            throw new ExceptionsFileException(source, (int)(e.LineNumber ?? 0) + 1, null, $"not valid JSON ({e.Message}). Expected a JSON array of exceptions.", e);
        }
    }

    private static List<RawEntry> ReadRoot(ref Utf8JsonReader reader, LineCounter lines, string source)
    {
        if (!reader.Read()) return [];
        List<RawEntry> entries;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            entries = ReadList(ref reader, lines, source);
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            entries = [];
            var any = false;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var key = reader.GetString();
                if (key != "exceptions" || any)
                    throw new ExceptionsFileException(source, lines.At(ref reader), key, "unknown top-level key. Expected an array of entries, or one key \"exceptions\" holding that array.");
                any = true;
                var value = Next(ref reader);
                if (value == JsonTokenType.StartArray) entries = ReadList(ref reader, lines, source);
                else if (value != JsonTokenType.Null) throw new ExceptionsFileException(source, lines.At(ref reader), "exceptions", "not an array. Expected an array of entries.");
            }
        }
        else
        {
            throw new ExceptionsFileException(source, lines.At(ref reader), null, "not an array. Expected a JSON array of entries ([{\"vulnerabilityId\": ...}]).");
        }
        if (reader.Read()) throw new ExceptionsFileException(source, lines.At(ref reader), null, "text after the end. Expected one JSON value.");
        return entries;
    }

    private static List<RawEntry> ReadList(ref Utf8JsonReader reader, LineCounter lines, string source)
    {
        var entries = new List<RawEntry>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (entries.Count == ExceptionsFileLimits.MaxEntries)
                throw new ExceptionsFileException(source, lines.At(ref reader), null, $"more than {ExceptionsFileLimits.MaxEntries} entries. Expected at most {ExceptionsFileLimits.MaxEntries}.");
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new ExceptionsFileException(source, lines.At(ref reader), null, "an entry that is not an object. Expected {\"vulnerabilityId\": \"CVE-2024-6387\", \"reason\": \"...\"}.");
            var entry = new RawEntry(lines.At(ref reader));
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                var keyLine = lines.At(ref reader);
                var token = Next(ref reader);
                var line = lines.At(ref reader);
                var (text, kind) = token switch
                {
                    JsonTokenType.String => (reader.GetString(), RawKind.Text),
                    JsonTokenType.Null => (null, RawKind.Null),
                    JsonTokenType.Number => ("number", RawKind.NotText),
                    JsonTokenType.True or JsonTokenType.False => ("boolean", RawKind.NotText),
                    _ => throw new ExceptionsFileException(source, line, key, "an array or object. Expected a single string value."),
                };
                entry.Values.Add(new RawValue(key, keyLine, text, kind, line));
            }
            entries.Add(entry);
        }
        return entries;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The JSON ends early.", null, null, null);

    /// <summary>1-based line of the reader's current token; counts forward only, so a file costs one pass.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private int counted;
        private int line = 1;

        public int At(ref Utf8JsonReader reader)
        {
            var offset = (int)reader.TokenStartIndex;
            if (offset > counted)
            {
                line += bytes.AsSpan(counted, offset - counted).Count((byte)'\n');
                counted = offset;
            }
            return line;
        }
    }
}
