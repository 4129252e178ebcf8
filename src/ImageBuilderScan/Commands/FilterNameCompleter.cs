using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion for -FilterName: the names the service documents today. Not a ValidateSet, on
/// purpose: the escape hatch exists for names the service adds later.
/// </summary>
public sealed class FilterNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? "").Trim('\'', '"');
        foreach (var name in QueryValidator.AggregationFilterNames)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
        }
    }
}
