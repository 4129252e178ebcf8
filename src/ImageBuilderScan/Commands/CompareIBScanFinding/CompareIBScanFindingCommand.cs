using System.Management.Automation;
using ImageBuilderScan.Engine.Comparison;

// The namespace is not the folder's: the class full name is in every FullyQualifiedErrorId (see CancellableCmdlet).
namespace ImageBuilderScan.Commands;

/// <summary>
/// Compare-IBScanFinding: what a build fixed and introduced against another build (by default the
/// previous build of its pipeline). One object per vulnerability and package: Added, Fixed,
/// SeverityChanged, and Unchanged with -IncludeEqual, as with Compare-Object. Both builds' scans must
/// have completed: an incomplete side is an error naming the build and its state.
/// </summary>
[Cmdlet(VerbsData.Compare, "IBScanFinding")]
[OutputType(typeof(FindingChange))]
public sealed class CompareIBScanFindingCommand : AwsCmdlet
{
    private readonly HashSet<string> _compared = new(StringComparer.Ordinal);

    /// <summary>The build to compare against; the previous build of the difference build's pipeline when omitted.</summary>
    [Parameter(Position = 1), ValidateNotNullOrEmpty]
    public string? ReferenceImageBuildVersionArn { get; set; }

    /// <summary>The newer build. Binds from piped objects' ImageBuildVersionArn or (AWS Tools' images) Arn.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true), ValidateNotNullOrEmpty]
    [Alias("ImageBuildVersionArn", "Arn")]
    public string? DifferenceImageBuildVersionArn { get; set; }

    [Parameter]
    public SwitchParameter IncludeEqual { get; set; }

    protected override void ProcessRecord()
    {
        var difference = DifferenceImageBuildVersionArn!;
        // Findings of one build piped in bind the same ARN once per finding: compare it once.
        if (!_compared.Add(difference)) return;
        var comparison = new BuildComparison(ClientFor, Log);
        Stream(() => Changes(comparison, difference), difference, change =>
        {
            if (IncludeEqual.IsPresent || change.Change != ChangeKind.Unchanged) WriteObject(change);
        });
    }

    private async IAsyncEnumerable<FindingChange> Changes(BuildComparison comparison, string difference)
    {
        foreach (var change in await comparison.CompareAsync(ReferenceImageBuildVersionArn, difference, StopToken).ConfigureAwait(false))
            yield return change;
    }
}
