namespace ImageBuilderScan.Adapter;

/// <summary>
/// What tab completion offers from a list of names for the word typed so far: the names that start with it
/// (any case, the word's quotes ignored), each as the text to insert, in single quotes when PowerShell
/// would otherwise split or expand it (a profile with a space, an apostrophe doubled).
/// </summary>
internal static class CompletionText
{
    private static readonly char[] NeedsQuotes = [' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '|', '&', ',', '#', '@'];

    public static IEnumerable<(string Text, string Name)> For(IEnumerable<string> names, string? wordToComplete)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var name in names)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            yield return (name.IndexOfAny(NeedsQuotes) >= 0 ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'" : name, name);
        }
    }
}
