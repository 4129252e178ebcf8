using System.Collections;
using ImageBuilderScan.Client.Connection;

namespace ImageBuilderScan.Commands;

/// <summary>Tab completion for -Region: the region names the AWS SDK's endpoint data knows (as AWS Tools completes them).</summary>
public sealed class RegionCompleter : NameCompleter
{
    protected override IEnumerable<string> Names(IDictionary? boundParameters) => AwsNames.Regions();
}
