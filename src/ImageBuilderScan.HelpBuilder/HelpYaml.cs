using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ImageBuilderScan.HelpBuilder;

/// <summary>
/// A YAML mapping from help markdown (the front matter, or a parameter's ```yaml block) read with
/// YamlDotNet, keys looked up case-insensitively. Knows the file line of every node, so an error points
/// at the value to fix; a missing key points at the opening fence.
/// </summary>
internal sealed class HelpYaml
{
    private readonly string file;
    private readonly Dictionary<string, YamlNode> values;

    /// <summary>The line of the '---' or ```yaml fence that opens the YAML; node lines count from it.</summary>
    private readonly int fenceLine;

    private HelpYaml(string file, int fenceLine, int line, Dictionary<string, YamlNode> values)
    {
        this.file = file;
        this.fenceLine = fenceLine;
        Line = line;
        this.values = values;
    }

    /// <summary>Where this mapping starts: the fence, or the '- ' of a list entry. A missing key points here.</summary>
    public int Line { get; }

    public static HelpYaml Load(string file, int fenceLine, string yaml, string what)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new HelpFormatException(file, fenceLine + (int)e.Start.Line, $"{what} is not valid YAML: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 18.1 fails this way, without a position, on an unclosed '[' followed by more keys.
            throw new HelpFormatException(file, fenceLine + (int)parser.LastStart.Line, $"{what} is not valid YAML from this line on (an unclosed '[', '{{' or quote?).");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new HelpFormatException(file, fenceLine, $"{what} should be YAML 'key: value' lines.");
        var result = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.Children)
        {
            var line = fenceLine + (int)key.Start.Line;
            if (key is not YamlScalarNode { Value: { Length: > 0 } name }) throw new HelpFormatException(file, line, $"{what}: a key should be a plain name.");
            if (!result.TryAdd(name, value)) throw new HelpFormatException(file, line, $"{what}: YAML key '{name}' appears twice.");
        }

        return new HelpYaml(file, fenceLine, fenceLine, result);
    }

    public YamlNode? this[string key] => values.GetValueOrDefault(key);

    public int LineOf(YamlNode? node) => node is null ? Line : fenceLine + (int)node.Start.Line;

    public int LineOf(string key) => LineOf(this[key]);

    /// <summary>`Key:` with nothing after it: YAML's null, which PlatyPS writes for an empty value.</summary>
    public static bool IsEmpty(YamlNode? node) => node is null or YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" };

    /// <summary>A scalar's text (quotes removed by YAML); null when the key is absent or empty.</summary>
    public string? Scalar(string key, string context) => this[key] switch
    {
        var n when IsEmpty(n) => null,
        YamlScalarNode s => s.Value,
        var n => throw new HelpFormatException(file, LineOf(n), $"{context}YAML key '{key}' must be a single value."),
    };

    /// <summary>A list of scalars: `Key: []`, or `- item` lines; empty when absent.</summary>
    public List<string> List(string key, string context) => this[key] switch
    {
        var n when IsEmpty(n) => [],
        YamlSequenceNode list => list.Children.Select(item => item is YamlScalarNode { Value: { } v }
            ? v
            : throw new HelpFormatException(file, LineOf(item), $"{context}YAML list '{key}' should hold single values.")).ToList(),
        var n => throw new HelpFormatException(file, LineOf(n), $"{context}YAML key '{key}' must be a list of values."),
    };

    /// <summary>A list of maps (`- Name: x` followed by indented keys), each read as a <see cref="HelpYaml"/>.</summary>
    public List<HelpYaml> Maps(string key, string context) => this[key] switch
    {
        var n when IsEmpty(n) => [],
        YamlSequenceNode list => list.Children.Select(item => item is YamlMappingNode map
            ? FromMap(map)
            : throw new HelpFormatException(file, LineOf(item), $"{context}YAML list '{key}' should hold '- Name: ...' entries.")).ToList(),
        var n => throw new HelpFormatException(file, LineOf(n), $"{context}YAML key '{key}' must be a list of '- Name: ...' entries."),
    };

    private HelpYaml FromMap(YamlMappingNode map)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { Length: > 0 } name } || !result.TryAdd(name, value))
                throw new HelpFormatException(file, LineOf(key), $"YAML key '{key}' is not a plain name or appears twice.");
        }

        return new HelpYaml(file, fenceLine, LineOf(map), result);
    }

    /// <summary>Remembers where the last event it handed out started, for errors that come without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastStart { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current) LastStart = current.Start;
            return moved;
        }
    }
}
