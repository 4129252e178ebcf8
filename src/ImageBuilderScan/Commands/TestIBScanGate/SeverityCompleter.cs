using System.Collections;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Tab completion for a severity parameter (-FailOn). Not a ValidateSet: a misspelled value must reach
/// the gate, whose refusal is its own (exit 2 under -ExitCode), not a binding error that ends only the statement.
/// </summary>
public sealed class SeverityCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IDictionary? boundParameters) => SeverityRank.Descending.Select(s => s.ToServiceName());
}
