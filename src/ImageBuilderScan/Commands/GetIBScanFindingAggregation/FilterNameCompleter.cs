using System.Collections;
using ImageBuilderScan.Client.Queries;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion for -FilterName: the names the service documents today. Not a ValidateSet, on
/// purpose: the escape hatch exists for names the service adds later.
/// </summary>
public sealed class FilterNameCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IDictionary? boundParameters) => QueryValidator.AggregationFilterNames;
}
