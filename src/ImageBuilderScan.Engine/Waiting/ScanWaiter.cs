using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Waiting;

/// <summary>
/// Polls a build's <c>GetImage</c> until its scan completes, ends short of it (a failed, abandoned or timed-out scan,
/// scanning disabled, a failed or cancelled build: returned at once, for the caller to judge), or the wait times out.
/// Each change of state is a verbose line; each poll a progress report. A stop cancels the delay at once. A read (GetImage)
/// that does not answer is ended by the wait's bound too: the wait then times out on the last state read, or, with none, as
/// ScanWaitTimedOut.
/// </summary>
public static class ScanWaiter
{
    /// <summary>The build's state once it is no longer running, or its last state when the wait ran out.</summary>
    /// <param name="read">Reads the build's state (one GetImage).</param>
    public static async Task<ScanWaitOutcome> WaitAsync(string imageBuildVersionArn, Func<CancellationToken, Task<ImageScanState>> read, ScanWait wait,
        IScanLog? log, CancellationToken cancellationToken)
    {
        var clock = wait.Clock;
        var started = clock.GetTimestamp();
        var random = new Random();
        string? said = null;
        ImageScanState? last = null;
        for (var poll = 1; ; poll++)
        {
            // Each read ends by the wait's own bound too (the read at the bound gets one poll interval): a GetImage that does not
            // answer would otherwise hold the wait for as long as the client's attempts and request timeouts allow, minutes past it.
            var budget = wait.Timeout - clock.GetElapsedTime(started);
            if (budget < wait.Schedule.Initial) budget = wait.Schedule.Initial;
            using var deadline = new CancellationTokenSource(budget, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            ImageScanState state;
            try
            {
                state = await read(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var why = $"{imageBuildVersionArn}: GetImage had not answered when the wait of {Seconds(wait.Timeout)} ran out (-WaitTimeoutSec)" +
                    (last is null ? "" : $", the last state read was {ScanStage.Describe(last)}") + ": its findings may be incomplete, so it was not judged.";
                if (last is null) throw new ScanStateException("ScanWaitTimedOut", imageBuildVersionArn, why);
                return new ScanWaitOutcome(last, why);
            }

            last = state;
            var described = ScanStage.Describe(state);
            var stage = ScanStage.Of(state);
            var elapsed = clock.GetElapsedTime(started);
            if (described != said)
            {
                log?.Verbose(said is null
                    ? $"{imageBuildVersionArn}: {described} ({Seconds(elapsed)})."
                    : $"{imageBuildVersionArn}: {said} -> {described} after {Seconds(elapsed)}.");
                said = described;
            }

            if (stage != ScanStageKind.Running) return new ScanWaitOutcome(state, null);
            var left = wait.Timeout - elapsed;
            if (left <= TimeSpan.Zero)
                return new ScanWaitOutcome(state,
                    $"{imageBuildVersionArn} was still at {described} when the wait of {Seconds(wait.Timeout)} ran out (-WaitTimeoutSec): " +
                    "its findings may be incomplete, so it was not judged.");
            var delay = wait.Schedule.Delay(poll, random);
            if (delay > left) delay = left;
            wait.Progress?.Invoke(new ScanWaitProgress(imageBuildVersionArn, described, elapsed, wait.Timeout, delay));
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(span.TotalSeconds < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " s";
}
