using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Paging;
using ImageBuilderScan.Client;

namespace ImageBuilderScan.Engine.Fleet;

/// <summary>
/// Runs one listing against many targets (regions x accounts), at most <c>throttleLimit</c> at once,
/// and streams their pages as they arrive: one target's pages in order, targets interleaved. Each
/// target has its own client, so its retries and throttling back-off delay only that target, and
/// its own failure (denied, region not enabled, throttled past the attempts) ends only that target,
/// with its resume point. A target asks for its next page only once the consumer has taken the last
/// one (a single listing reads one page ahead from its second; a target does not), so at most one page per target is held, memory does not grow with
/// the number of targets or their size, and a stop (or a consumer that ends early, as
/// <c>Select-Object -First</c> does) cancels every target in flight and sends no further request.
/// </summary>
public sealed class FleetRunner(int throttleLimit, IScanLog? log = null)
{
    /// <summary>
    /// -ThrottleLimit's default: ten, the service's filter chunk (one ListImageScanFindingAggregations request takes ten
    /// values). The same limit bounds targets and, within one, builds and chains of values: with ten, a command over ten
    /// builds or ten chunks (100 ARNs) takes two round trips, the first item alone (see InOrder) and then the other nine
    /// together; eight made it three. It was eight "as ForEach-Object -Parallel", whose default is in fact five.
    /// </summary>
    public const int DefaultThrottleLimit = 10;

    public async IAsyncEnumerable<FleetEvent<T>> RunAsync<T>(IReadOnlyList<FleetTarget> targets,
        Func<ImageBuilderScanClient, CancellationToken, IAsyncEnumerable<ScanPage<T>>> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(throttleLimit, 1);
        var channel = Channel.CreateBounded<FleetEvent<T>>(new BoundedChannelOptions(Math.Max(2, throttleLimit)) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(throttleLimit);
        var named = targets.Count > 1;
        var running = targets.Select(t => Task.Run(() => RunTargetAsync(t, named, pages, channel.Writer, slots, stop.Token), CancellationToken.None)).ToArray();
        _ = Task.WhenAll(running).ContinueWith(_ => channel.Writer.TryComplete(), TaskScheduler.Default);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
                e.Consumed?.TrySetResult();
            }
        }
        finally
        {
            // Ended early (Select-Object -First, Ctrl+C, a failure downstream): stop every target now.
            await stop.CancelAsync().ConfigureAwait(false);
            while (channel.Reader.TryRead(out _))
            {
            }

            try
            {
                await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                // A target still in a request that ignores cancellation: its result is dropped.
            }
        }
    }

    private async Task RunTargetAsync<T>(FleetTarget target, bool named,
        Func<ImageBuilderScanClient, CancellationToken, IAsyncEnumerable<ScanPage<T>>> pages,
        ChannelWriter<FleetEvent<T>> writer, SemaphoreSlim slots, CancellationToken token)
    {
        try
        {
            await slots.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var targetLog = new TargetLog(log, named ? target.Label : null);
        long items = 0;
        var pageCount = 0;
        TargetSummary Summary(string outcome) => new(target, items, pageCount, targetLog.Retries, clock.Elapsed, outcome);
        try
        {
            using var client = ImageBuilderScanClient.Create(target.Options with { Log = targetLog });
            // The region resolved for it (a target with none configured keeps its own label: its queries name theirs).
            target = target with { Region = client.Connection.Region ?? target.Region };
            await foreach (var page in pages(client, token).WithCancellation(token).ConfigureAwait(false))
            {
                pageCount++;
                items += page.Items.Count;
                var consumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                await writer.WriteAsync(new FleetEvent<T>(FleetEventKind.Page, target, page, null, null) { Consumed = consumed }, token).ConfigureAwait(false);
                await consumed.Task.WaitAsync(token).ConfigureAwait(false);
            }

            await writer.WriteAsync(new FleetEvent<T>(FleetEventKind.Completed, target, null, null, Summary("completed")), token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped: nothing more to say for this target.
        }
        catch (OperationCanceledException error)
        {
            // A cancellation nobody asked for (a timeout surfacing as one) is this target's failure, not a stop.
            await TryWriteAsync(writer, new FleetEvent<T>(FleetEventKind.Failed, target, null, error, Summary("failed: timed out")), token).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            // Anything else, a defect included, is this target's failure: never a target silently missing.
            var id = error is ImageBuilderScanException scan ? scan.ErrorId : error.GetType().Name;
            await TryWriteAsync(writer, new FleetEvent<T>(FleetEventKind.Failed, target, null, error, Summary($"failed: {id}")), token).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task TryWriteAsync<T>(ChannelWriter<FleetEvent<T>> writer, FleetEvent<T> e, CancellationToken token)
    {
        try
        {
            await writer.WriteAsync(e, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The consumer is gone.
        }
    }
}
