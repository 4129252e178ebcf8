using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Concurrency;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>A name given to a listing and the build it stands for, or why it stands for none.</summary>
/// <param name="ImageBuildVersionArn">The newest build of an image version ARN; any other name itself; null on failure.</param>
/// <param name="Error">Why the image version has no build to list (NoBuild, or its builds could not be read).</param>
public sealed record NewestBuild(string Name, string? ImageBuildVersionArn, ImageBuilderScanException? Error);

/// <summary>
/// The listings' image version ARNs (no build number, as AWS Tools' Get-EC2IBImageList gives), each resolved to its newest
/// build by <see cref="BuildScans.SelectAsync"/> (the gate's and the comparison's own selection, said in a verbose line);
/// any other name passes as it is, with nothing sent. At most <paramref name="limit"/> at once (-ThrottleLimit), results
/// in input order, by the window rule of <see cref="OrderedWindow{TIn, TOut}"/>: the first alone, so
/// <c>Select-Object -First 1</c> sends no request beyond what the first item needs.
/// </summary>
public sealed class NewestBuilds(BuildScans builds, string parameterName, int limit)
{
    /// <summary>Names known at once (a parameter's values): every result, in their order.</summary>
    public IAsyncEnumerable<NewestBuild> ResolveAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        InOrder.SelectAsync(names, limit, OneAsync, cancellationToken);

    /// <summary>
    /// Names as they are piped: each starts when it is added and the window has room; results are taken in input order
    /// (<see cref="OrderedWindow{TIn, TOut}.NextAsync"/>). <paramref name="gives"/>: whether the consumer was given
    /// anything by the time it came back for more (a listing wrote an item); until then, one name at a time.
    /// </summary>
    public OrderedWindow<string, NewestBuild> AsPiped(Func<NewestBuild, bool>? gives, CancellationToken cancellationToken) =>
        new(limit, OneAsync, gives, cancellationToken);

    /// <summary>Whether a name stands for another build than itself (an image version ARN).</summary>
    public static bool Resolves(string name) => KeyShapes.FilterNameOf(name) == FilterNames.ImageVersionArn;

    private async Task<NewestBuild> OneAsync(string name, CancellationToken cancellationToken)
    {
        if (!Resolves(name)) return new NewestBuild(name, name, null);
        try
        {
            return new NewestBuild(name, (await builds.SelectAsync(name, parameterName, cancellationToken).ConfigureAwait(false)).ImageBuildVersionArn, null);
        }
        catch (ImageBuilderScanException error)
        {
            return new NewestBuild(name, null, error);
        }
    }
}
