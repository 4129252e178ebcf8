using ImageBuilderScan.Client.Model;

namespace ImageBuilderScan.Adapter;

/// <summary>
/// A severity parameter's check at binding (any case), from the client's one list (<see cref="SeverityRank.ServiceNames"/>)
/// instead of a literal ValidateSet per parameter. PowerShellStandard.Library 5.1 has no IValidateSetValuesGenerator;
/// completion is <see cref="Commands.SeverityCompleter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateSeverityAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var text = (element is PSObject wrapped ? wrapped.BaseObject : element)?.ToString();
        if (!SeverityRank.TryParse(text, out _))
            throw new ValidationMetadataException($"'{text}' is not a severity: {SeverityRank.ExpectedForm} (any case).");
    }
}
