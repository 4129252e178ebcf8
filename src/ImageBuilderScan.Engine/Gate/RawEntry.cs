namespace ImageBuilderScan.Engine.Gate;

/// <summary>What a format reader hands the entry builder: an entry's keys with their scalar values
/// and lines, before any meaning is checked. Both readers produce it, so YAML and JSON files are
/// checked by one set of rules.</summary>
internal sealed class RawEntry(int line)
{
    public int Line { get; } = line;

    public List<RawValue> Values { get; } = [];
}

internal enum RawKind
{
    Text,
    Null,
    /// <summary>A JSON number or boolean: not text.</summary>
    NotText,
}

internal sealed record RawValue(string Key, int KeyLine, string? Text, RawKind Kind, int Line);
