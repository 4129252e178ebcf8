using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion from a list of names: the completions of those names for what the user typed so far
/// (quotes allowed, any case). A completer says only where its names come from.
/// </summary>
public abstract class NameCompleter : IArgumentCompleter
{
    /// <summary>The names to offer, given the parameters already typed (<paramref name="boundParameters"/> may be null).</summary>
    protected abstract IEnumerable<string> Names(IDictionary? boundParameters);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var name in Names(fakeBoundParameters))
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
