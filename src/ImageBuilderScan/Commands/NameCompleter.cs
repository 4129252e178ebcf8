using System.Collections;
using System.Management.Automation.Language;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion from a list of names (matching and quoting: <see cref="Adapter.CompletionText"/>).
/// A completer says only where its names come from.
/// </summary>
public abstract class NameCompleter : IArgumentCompleter
{
    /// <summary>The names to offer, given the parameters already typed (<paramref name="boundParameters"/> may be null).</summary>
    protected abstract IEnumerable<string> Names(IDictionary? boundParameters);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Adapter.CompletionText.For(Names(fakeBoundParameters), wordToComplete)
            .Select(c => new CompletionResult(c.Text, c.Name, CompletionResultType.ParameterValue, c.Name));
}
