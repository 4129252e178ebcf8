using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Commands;

/// <summary>Tab completion for -Region: the region names the AWS SDK's endpoint data knows (as AWS Tools completes them).</summary>
public sealed class RegionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completions.Matching(AwsNames.Regions(), wordToComplete);
}
