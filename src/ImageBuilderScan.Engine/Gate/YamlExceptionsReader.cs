using ImageBuilderScan.Client.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// Reads the YAML form from the parser's event stream, never building a document: anchors and aliases
/// (the alias-bomb) and explicit tags are refused at their first event, nesting beyond the expected
/// shape at its first level, and the entry count as entries arrive.
/// </summary>
internal static class YamlExceptionsReader
{
    public static List<RawEntry> Read(string text, string source)
    {
        try
        {
            var reader = new Reader(new Parser(new StringReader(text)), source);
            return reader.ReadStream();
        }
        catch (YamlException e)
        {
            throw new ExceptionsFileException(source, (int)e.Start.Line, null, $"not valid YAML ({e.Message}). Expected a YAML list of exceptions.", e);
        }
    }

    private sealed class Reader(IParser parser, string source)
    {
        public List<RawEntry> ReadStream()
        {
            Expect<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return [];
            Expect<DocumentStart>();
            var entries = ReadRoot();
            Expect<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
                throw Refuse(parser.Current, null, "a second YAML document. Expected one document.");
            return entries;
        }

        private List<RawEntry> ReadRoot()
        {
            var node = Node();
            if (node is SequenceStart) return ReadList();
            if (node is MappingStart)
            {
                parser.MoveNext();
                var entries = new List<RawEntry>();
                var any = false;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = Key();
                    if (key.Value != "exceptions" || any)
                        throw Refuse(key, key.Value, "unknown top-level key. Expected a list of entries, or one key 'exceptions' holding that list.");
                    any = true;
                    if (Node() is Scalar nothing && IsNull(nothing)) parser.MoveNext();
                    else if (Node() is SequenceStart) entries = ReadList();
                    else throw Refuse(parser.Current, "exceptions", "not a list. Expected a list of entries.");
                }
                return entries;
            }
            if (node is Scalar scalar && IsNull(scalar))
            {
                parser.MoveNext();
                return [];
            }
            throw Refuse(node, null, "not a list. Expected a list of entries (- vulnerabilityId: ...).");
        }

        private List<RawEntry> ReadList()
        {
            parser.MoveNext();
            var entries = new List<RawEntry>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                if (entries.Count == ExceptionsFileLimits.MaxEntries)
                    throw Refuse(parser.Current, null, $"more than {ExceptionsFileLimits.MaxEntries} entries. Expected at most {ExceptionsFileLimits.MaxEntries}.");
                if (Node() is not MappingStart start)
                    throw Refuse(parser.Current, null, "an entry that is not a mapping. Expected keys such as 'vulnerabilityId: CVE-2024-6387' and 'reason: ...'.");
                entries.Add(ReadEntry(start));
            }
            return entries;
        }

        private RawEntry ReadEntry(MappingStart start)
        {
            parser.MoveNext();
            var entry = new RawEntry(LineOf(start));
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = Key();
                if (Node() is not Scalar value)
                    throw Refuse(parser.Current, key.Value, "a list or mapping. Expected a single value.");
                parser.MoveNext();
                var kind = IsNull(value) ? RawKind.Null : RawKind.Text;
                entry.Values.Add(new RawValue(key.Value, LineOf(key), value.Value, kind, LineOf(value)));
            }
            return entry;
        }

        private Scalar Key()
        {
            if (Node() is not Scalar key)
                throw Refuse(parser.Current, null, "a key that is not plain text. Expected 'key: value'.");
            parser.MoveNext();
            return key;
        }

        /// <summary>The current node event, refused if it carries an anchor, an alias or a tag.</summary>
        private ParsingEvent Node()
        {
            var current = parser.Current ?? throw Refuse(null, null, "the file ends early. Expected a complete YAML list.");
            if (current is AnchorAlias alias)
                throw Refuse(alias, null, $"an alias (*{InputDisplay.Show(alias.Value.ToString())}). Expected plain values: anchors and aliases are not allowed.");
            if (current is NodeEvent node)
            {
                if (!node.Anchor.IsEmpty)
                    throw Refuse(node, null, $"an anchor (&{InputDisplay.Show(node.Anchor.ToString())}). Expected plain values: anchors and aliases are not allowed.");
                if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
                    throw Refuse(node, null, $"a tag ({InputDisplay.Show(node.Tag.ToString())}). Expected plain values without tags.");
            }
            return current;
        }

        private void Expect<T>() where T : ParsingEvent
        {
            if (parser.Current is null) parser.MoveNext();
            if (!parser.TryConsume<T>(out _)) throw Refuse(parser.Current, null, "an unexpected YAML structure. Expected one document holding a list of entries.");
        }

        private static bool IsNull(Scalar scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

        private static int LineOf(ParsingEvent? e) => e is null ? 0 : (int)e.Start.Line;

        private ExceptionsFileException Refuse(ParsingEvent? at, string? key, string problem) =>
            new(source, at is null ? null : LineOf(at), key, problem);
    }
}
