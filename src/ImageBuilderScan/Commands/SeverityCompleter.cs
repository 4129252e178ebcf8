using System.Collections;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Commands;

/// <summary>Tab completion for severity parameters (-Severity, -FailOn): the client's one list, most severe first.</summary>
public sealed class SeverityCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IDictionary? boundParameters) => SeverityRank.ServiceNames;
}
