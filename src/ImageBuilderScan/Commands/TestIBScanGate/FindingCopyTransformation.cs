using System.Collections;
using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Lets Test-IBScanGate's -InputObject (typed ScanFinding[]) take findings that went through
/// serialization (Import-Clixml, Start-Job, remoting) by their shape; anything else is left for the
/// binder to refuse as before.
/// </summary>
internal sealed class FindingCopyTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var items = inputData is PSObject { BaseObject: IList list } ? list : inputData as IList;
        try
        {
            if (items is null) return FindingCopies.From(inputData) is { } one ? new[] { one } : inputData;
            var findings = new ScanFinding[items.Count];
            for (var i = 0; i < findings.Length; i++)
            {
                if (FindingCopies.From(items[i]) is not { } finding) return inputData;
                findings[i] = finding;
            }

            return findings;
        }
        catch (FormatException e)
        {
            throw new ArgumentTransformationMetadataException($"InputObject: a copy of a finding could not be read: {e.Message}.", e);
        }
    }
}
