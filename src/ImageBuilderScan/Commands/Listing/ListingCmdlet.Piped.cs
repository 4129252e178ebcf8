using System.Runtime.CompilerServices;
using ImageBuilderScan.Adapter;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Engine.Concurrency;

namespace ImageBuilderScan.Commands;

/// <summary>
/// Piped input of a listing: the key each piped object asks for, each key listed once per command
/// (<see cref="AwsCmdlet.FirstTime"/>), in input order. An image version ARN stands for its newest build, which the
/// engine resolves (<see cref="NewestBuilds"/>: at most -ThrottleLimit at once, the first alone, said in a verbose line).
/// </summary>
public abstract partial class ListingCmdlet
{
    // Piped keys not listed yet, in input order, each with how it is listed. Every image version key among them was
    // added to _newest as it was queued, so the window's results come in the order of those keys here.
    private readonly Queue<(PipedKey Key, object Target, Action<PipedKey, object> List)> _queued = new();
    private OrderedWindow<string, NewestBuild>? _newest;
    // Items written so far: the window of piped image versions opens once one was (the consumer was given something).
    private long _written;

    /// <summary>
    /// Lists what a piped object asks for (<paramref name="classify"/>), once per command; an object that asks for none
    /// is an error for this input. An image version key waits for its newest build, and the keys after it wait for it:
    /// each is listed when it is due (the first at once; once an item was written, as the next input comes or the input
    /// ends), so output keeps the input order while up to -ThrottleLimit versions are resolved at once.
    /// </summary>
    private protected void ListPiped(PSObject input, Func<PSObject, PipedKey> classify, Action<PipedKey, object> list)
    {
        PipedKey key;
        var target = PipedInput.TargetOf(input);
        try
        {
            key = classify(input);
        }
        catch (ScanInputException error)
        {
            ReportFailure(error, target);
            return;
        }

        if (!FirstTime(key.Value, key.PropertyName)) return;
        if (key.FilterName == FilterNames.ImageVersionArn)
        {
            _newest ??= new NewestBuilds(new BuildScans(ClientFor, Log), "InputObject", ThrottleLimit)
                .AsPiped(_ => Interlocked.Read(ref _written) > 0, StopToken);
            _newest.Add(key.Value);
        }

        _queued.Enqueue((key, target, list));
        ListDue(all: false);
    }

    /// <summary>Lists the queued keys that are due: every one when the input ended (<paramref name="all"/>).</summary>
    private void ListDue(bool all)
    {
        while (_queued.TryPeek(out var next))
        {
            var key = next.Key;
            if (key.FilterName == FilterNames.ImageVersionArn)
            {
                NewestBuild? newest = null;
                Stream(() => One(ct => _newest!.NextAsync(all, ct)), null, taken => newest = taken.Taken ? taken.Result : null);
                // Not due yet: taken when the next input comes or the input ends.
                if (newest is null) return;
                _ = _queued.Dequeue();
                if (newest.Error is { } error)
                {
                    ReportFailure(error, next.Target);
                    continue;
                }

                key = new PipedKey(FilterNames.ImageBuildVersionArn, newest.ImageBuildVersionArn!);
                if (!FirstTime(key.Value, key.PropertyName)) continue;
            }
            else
            {
                _ = _queued.Dequeue();
            }

            next.List(key, next.Target);
        }
    }

    /// <summary>Counts an item written (see <see cref="_written"/>).</summary>
    private void Written() => Interlocked.Increment(ref _written);

    protected override void EndProcessing()
    {
        ListDue(all: true);
        base.EndProcessing();
    }

    private protected override void Release()
    {
        // Stopped (Ctrl+C, Select-Object -First) or ended: versions still being resolved are cancelled and awaited.
        var newest = _newest;
        _newest = null;
        Abandon(newest);
        base.Release();
    }

    /// <summary>
    /// -ImageBuildVersionArn's values, each image version ARN among them replaced by its newest build as a piped one is
    /// (<see cref="NewestBuilds"/>: one resolver for both). A version that has no build, or whose builds cannot be read,
    /// is an error for that value, and the others are still listed.
    /// </summary>
    private protected string[] NewestBuildsOf(string[] values, string parameterName)
    {
        if (!values.Any(NewestBuilds.Resolves)) return values;
        var builds = new List<string>(values.Length);
        var resolver = new NewestBuilds(new BuildScans(ClientFor, Log), parameterName, ThrottleLimit);
        Stream(() => resolver.ResolveAsync(values, StopToken), null, newest =>
        {
            if (newest.Error is { } error) ReportFailure(error, newest.Name);
            else builds.Add(newest.ImageBuildVersionArn!);
        });
        return builds.ToArray();
    }

    private static async IAsyncEnumerable<T> One<T>(Func<CancellationToken, Task<T>> get, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return await get(cancellationToken).ConfigureAwait(false);
    }
}
