using System.Management.Automation;

namespace ImageBuilderScan.Commands;

/// <summary>The completion results of a list of names for what the user typed so far (quotes allowed, any case).</summary>
internal static class Completions
{
    public static IEnumerable<CompletionResult> Matching(IEnumerable<string> names, string? wordToComplete)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var name in names)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            // A name PowerShell would split (a profile with a space) goes in quotes.
            var text = name.IndexOfAny([' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', '|', '&', ',', '#', '@']) >= 0
                ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'"
                : name;
            yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
        }
    }
}
