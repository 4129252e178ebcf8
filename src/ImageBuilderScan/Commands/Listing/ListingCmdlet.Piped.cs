using System.Management.Automation;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Commands;

public abstract partial class ListingCmdlet
{
    private readonly HashSet<PipedKey> _asked = [];

    /// <summary>
    /// The key a piped object asks for, when it is one this command has not listed yet; else null: an
    /// object that asks for none is an error for this input, a key already listed is said as a detail line.
    /// </summary>
    private protected PipedKey? NewPipedKey(PSObject input, Func<PSObject, PipedKey> classify)
    {
        PipedKey key;
        try
        {
            key = classify(input);
        }
        catch (ScanInputException error)
        {
            ReportFailure(error, PipedInput.TargetOf(input));
            return null;
        }

        if (!_asked.Add(key))
        {
            WriteDetail($"{key.PropertyName} {key.Value}: already listed by this command.");
            return null;
        }

        return key;
    }
}
