using System.Management.Automation;
using System.Runtime.CompilerServices;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Builds;

namespace ImageBuilderScan.Commands;

/// <summary>Piped input of a listing: the key each piped object asks for, each key listed once per command.</summary>
public abstract partial class ListingCmdlet
{
    private readonly HashSet<PipedKey> _asked = [];

    /// <summary>
    /// The key a piped object asks for, when it is one this command has not listed yet; else null: an
    /// object that asks for none is an error for this input, a key already listed is said as a detail line.
    /// An image version ARN (no build number, as AWS Tools' Get-EC2IBImageList gives) stands for its newest
    /// build, looked up with ListImageBuildVersions and said in a verbose line.
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

        if (key.FilterName == FilterNames.ImageVersionArn)
        {
            if (!_asked.Add(key))
            {
                WriteDetail($"{key.PropertyName} {key.Value}: already listed by this command.");
                return null;
            }

            if (NewestBuild(key.Value, "InputObject", PipedInput.TargetOf(input)) is not { } newest) return null;
            key = new PipedKey(FilterNames.ImageBuildVersionArn, newest);
        }

        if (!_asked.Add(key))
        {
            WriteDetail($"{key.PropertyName} {key.Value}: already listed by this command.");
            return null;
        }

        return key;
    }

    /// <summary>
    /// -ImageBuildVersionArn's values, each image version ARN among them replaced by its newest build as a piped one is
    /// (<see cref="NewestBuild"/>): one path for both. A version that has no build, or whose builds cannot be read, is an
    /// error for that value, and the others are still listed.
    /// </summary>
    private protected string[] NewestBuilds(string[] values, string parameterName) =>
        values.Select(v => KeyShapes.FilterNameOf(v) == FilterNames.ImageVersionArn ? NewestBuild(v, parameterName, v) : v).OfType<string>().ToArray();

    /// <summary>
    /// The newest build of an image version ARN (no build number, as AWS Tools' Get-EC2IBImageList gives), looked up with
    /// ListImageBuildVersions and said in a verbose line; null when it has none or could not be read (an error for this input).
    /// </summary>
    private string? NewestBuild(string versionArn, string parameterName, object? target)
    {
        string? newest = null;
        var builds = new BuildScans(ClientFor, Log);
        Stream(() => One(ct => builds.SelectAsync(versionArn, parameterName, ct)), target, selected => newest = selected.ImageBuildVersionArn);
        return newest;
    }

    private static async IAsyncEnumerable<T> One<T>(Func<CancellationToken, Task<T>> get, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return await get(cancellationToken).ConfigureAwait(false);
    }
}
