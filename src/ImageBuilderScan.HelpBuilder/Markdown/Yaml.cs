namespace ImageBuilderScan.HelpBuilder.Markdown;

/// <summary>
/// The YAML that PlatyPS writes per parameter: `Key: scalar`, `Key: []`, `Key:` followed by `- item`
/// lines, or by `- Name: x` maps whose further keys are indented. Not a general YAML parser: anything
/// else is an error naming the line, so a hand edit PlatyPS would not write fails the build.
/// </summary>
internal static class Yaml
{
    /// <summary>
    /// Values are strings, lists of strings or lists of maps. Lines maps `Key` and `Key[i].Entry` to the
    /// file line each came from, for errors that point at the value to fix.
    /// </summary>
    public static YamlBlock Parse(string file, int firstLine, string text)
    {
        var result = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        var lineOf = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        string? openKey = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd();
            var lineNumber = firstLine + 1 + i;
            if (raw.Trim().Length == 0) continue;
            if (raw.TrimStart().StartsWith("- ", StringComparison.Ordinal) || raw.Trim() == "-")
            {
                if (openKey is null) throw new HelpFormatException(file, lineNumber, $"YAML list item without a key: '{raw}'.");
                AddItem(file, lineNumber, result, lineOf, openKey, raw.TrimStart()[1..].Trim());
            }
            else if (raw.StartsWith(' '))
            {
                if (openKey is null || result[openKey] is not List<Dictionary<string, string>> { Count: > 0 } maps)
                    throw new HelpFormatException(file, lineNumber, $"indented YAML line outside a list of maps: '{raw}'.");
                var (key, value) = Split(file, lineNumber, raw.Trim());
                maps[^1][key] = Unquote(value);
                lineOf[$"{openKey}[{maps.Count - 1}].{key}"] = lineNumber;
            }
            else
            {
                var (key, value) = Split(file, lineNumber, raw);
                if (result.ContainsKey(key)) throw new HelpFormatException(file, lineNumber, $"YAML key '{key}' appears twice.");
                lineOf[key] = lineNumber;
                if (value.Length == 0)
                {
                    openKey = key;
                    result[key] = new List<string>();
                }
                else
                {
                    openKey = null;
                    result[key] = value == "[]" ? new List<string>() : Unquote(value);
                }
            }
        }

        return new YamlBlock(result, lineOf, firstLine);
    }

    public static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '\'' && value[^1] == '\'' || value[0] == '"' && value[^1] == '"')
            ? value[1..^1].Replace("''", "'", StringComparison.Ordinal)
            : value;

    private static void AddItem(string file, int line, Dictionary<string, object> result, Dictionary<string, int> lineOf, string key, string item)
    {
        var isMap = item.Contains(": ", StringComparison.Ordinal) || item.EndsWith(':');
        switch (result[key])
        {
            case List<string> { Count: 0 } when isMap:
            case List<Dictionary<string, string>>:
                if (!isMap) throw new HelpFormatException(file, line, $"YAML list '{key}' mixes maps and scalars.");
                if (result[key] is not List<Dictionary<string, string>> maps) result[key] = maps = [];
                var (k, v) = Split(file, line, item);
                maps.Add(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [k] = Unquote(v) });
                lineOf[$"{key}[{maps.Count - 1}]"] = line;
                lineOf[$"{key}[{maps.Count - 1}].{k}"] = line;
                break;
            case List<string> scalars:
                if (isMap) throw new HelpFormatException(file, line, $"YAML list '{key}' mixes maps and scalars.");
                scalars.Add(Unquote(item));
                break;
        }
    }

    private static (string Key, string Value) Split(string file, int line, string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) throw new HelpFormatException(file, line, $"YAML line is not 'key: value': '{text}'.");
        return (text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}

/// <summary>A parsed YAML block and where each value sits; FenceLine when a key is absent.</summary>
internal sealed record YamlBlock(IReadOnlyDictionary<string, object> Values, IReadOnlyDictionary<string, int> Lines, int FenceLine)
{
    public int LineOf(string path) => Lines.GetValueOrDefault(path, FenceLine);
}
