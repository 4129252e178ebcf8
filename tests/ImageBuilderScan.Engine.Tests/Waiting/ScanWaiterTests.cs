
namespace ImageBuilderScan.Engine.Tests.Waiting;

/// <summary>-WaitForScan's poll loop over scripted GetImage answers (intervals of a millisecond: the schedule is injected).</summary>
public sealed class ScanWaiterTests
{
    private const string Arn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";
    private static readonly ScanWaitSchedule Fast = new() { Initial = TimeSpan.FromMilliseconds(1), Max = TimeSpan.FromMilliseconds(2) };

    private static ImageScanState State(string? scan, string image = "AVAILABLE", bool enabled = true) =>
        new(Arn, null, scan, null, enabled, null) { ImageStatus = image };

    private static Func<CancellationToken, Task<ImageScanState>> Script(params ImageScanState[] states)
    {
        var i = 0;
        return _ => Task.FromResult(states[Math.Min(i++, states.Length - 1)]);
    }

    [Fact]
    public async Task Waits_through_building_and_the_running_scan_states_says_each_change_once_and_returns_the_completed_state()
    {
        var log = new RecordingLog();
        var progress = new List<ScanWaitProgress>();
        var outcome = await ScanWaiter.WaitAsync(Arn, Script(State(null, "BUILDING"), State(null, "BUILDING"), State("PENDING"), State("SCANNING"),
            State("SCANNING"), State("COLLECTING"), State("COMPLETED")), new ScanWait { Schedule = Fast, Progress = progress.Add }, log, CancellationToken.None);

        Assert.Null(outcome.TimedOut);
        Assert.True(outcome.State.IsComplete);
        var lines = log.VerboseLines.Where(l => l.StartsWith(Arn, StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.StartsWith($"{Arn}: image BUILDING (", lines[0]);
        Assert.Contains("image BUILDING -> scan PENDING after", lines[1]);
        Assert.Contains("scan COLLECTING -> scan COMPLETED after", lines[4]);
        Assert.Equal(6, progress.Count);
        Assert.All(progress, p => Assert.Equal(Arn, p.ImageBuildVersionArn));
    }

    [Theory]
    [InlineData("FAILED", "AVAILABLE", true, "scan FAILED")]
    [InlineData("ABANDONED", "AVAILABLE", true, "scan ABANDONED")]
    [InlineData("TIMED_OUT", "AVAILABLE", true, "scan TIMED_OUT")]
    [InlineData(null, "AVAILABLE", false, "scanning disabled")]
    [InlineData(null, "FAILED", true, "image FAILED")]
    [InlineData("COMPLETED", "FAILED", true, "image FAILED")]
    [InlineData("COMPLETED", "CANCELLED", true, "image CANCELLED")]
    [InlineData("COMPLETED", "DELETED", true, "image DELETED")]
    [InlineData("SCANNING", "DISABLED", true, "image DISABLED")]
    public async Task A_terminal_state_ends_the_wait_at_once(string? scan, string image, bool enabled, string described)
    {
        var reads = 0;
        var outcome = await ScanWaiter.WaitAsync(Arn, _ => { reads++; return Task.FromResult(State(scan, image, enabled)); },
            new ScanWait { Schedule = Fast, Timeout = TimeSpan.FromHours(1) }, null, CancellationToken.None);

        Assert.Equal(1, reads);
        Assert.Null(outcome.TimedOut);
        Assert.Equal(described, ScanStage.Describe(outcome.State));
        Assert.Equal(ScanStageKind.Ended, ScanStage.Of(outcome.State));
    }

    [Fact]
    public async Task A_build_still_being_made_is_waited_for_though_its_scan_says_COMPLETED()
    {
        // The scan of a build still being tested is not its last: the wait goes on until the image is available.
        var reads = 0;
        var states = new[] { State("COMPLETED", "BUILDING"), State("COMPLETED", "TESTING"), State("COMPLETED") };
        var outcome = await ScanWaiter.WaitAsync(Arn, _ => Task.FromResult(states[Math.Min(reads++, states.Length - 1)]),
            new ScanWait { Schedule = Fast, Timeout = TimeSpan.FromHours(1) }, null, CancellationToken.None);

        Assert.Equal(3, reads);
        Assert.Null(outcome.TimedOut);
        Assert.True(outcome.State.IsComplete);
        Assert.Equal(ScanStageKind.Running, ScanStage.Of(states[0]));
        Assert.Equal("image BUILDING", ScanStage.Describe(states[0]));
    }

    [Fact]
    public async Task At_the_timeout_it_returns_the_last_state_and_why_it_is_not_judged()
    {
        var outcome = await ScanWaiter.WaitAsync(Arn, Script(State("PENDING"), State("SCANNING")),
            new ScanWait { Schedule = Fast, Timeout = TimeSpan.FromMilliseconds(30) }, null, CancellationToken.None);

        Assert.Equal("SCANNING", outcome.State.Status);
        Assert.Contains("was still at scan SCANNING when the wait of", outcome.TimedOut);
        Assert.Contains("not judged", outcome.TimedOut);
        var refused = Assert.Throws<Client.Errors.ScanStateException>(() => outcome.Settled());
        Assert.Equal("ScanWaitTimedOut", refused.ErrorId);
    }

    [Fact]
    public async Task A_GetImage_that_does_not_answer_is_ended_by_the_waits_own_bound_and_not_judged()
    {
        // The scan runs; then GetImage stops answering. Before, the read ran on past -WaitTimeoutSec for as long as the
        // client's attempts and request timeouts allowed (minutes by default): the wait did not end by its own bound.
        var reads = 0;
        var cancelled = false;
        var outcome = await ScanWaiter.WaitAsync(Arn, async ct =>
        {
            if (++reads == 1) return State("SCANNING");
            try
            {
                // Ends when the wait cancels it; the backstop only keeps a test without the bound from hanging (and then it fails).
                await Task.Delay(TimeSpan.FromSeconds(60), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return State("SCANNING");
        }, new ScanWait { Schedule = new ScanWaitSchedule { Initial = TimeSpan.FromMilliseconds(20), Max = TimeSpan.FromMilliseconds(20) }, Timeout = TimeSpan.FromMilliseconds(50) },
            null, CancellationToken.None);

        Assert.True(cancelled, "the read was not ended by the wait's bound");
        Assert.Equal("SCANNING", outcome.State.Status);
        Assert.Contains("GetImage had not answered", outcome.TimedOut);
        Assert.Equal("ScanWaitTimedOut", Assert.Throws<Client.Errors.ScanStateException>(() => outcome.Settled()).ErrorId);
    }

    [Fact]
    public async Task A_first_GetImage_that_does_not_answer_ends_the_wait_as_timed_out()
    {
        var error = await Assert.ThrowsAsync<Client.Errors.ScanStateException>(() => ScanWaiter.WaitAsync(Arn, async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(60), ct);
                return State("COMPLETED");
            }, new ScanWait { Schedule = new ScanWaitSchedule { Initial = TimeSpan.FromMilliseconds(20), Max = TimeSpan.FromMilliseconds(20) }, Timeout = TimeSpan.FromMilliseconds(50) },
            null, CancellationToken.None));

        Assert.Equal("ScanWaitTimedOut", error.ErrorId);
        Assert.Contains("not judged", error.Message);
    }

    [Fact]
    public async Task A_stop_ends_the_wait_during_its_delay()
    {
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var waiting = ScanWaiter.WaitAsync(Arn, _ =>
        {
            if (++reads == 1) stop.CancelAfter(TimeSpan.FromMilliseconds(20));
            return Task.FromResult(State("SCANNING"));
        }, new ScanWait { Schedule = new ScanWaitSchedule { Initial = TimeSpan.FromHours(1) }, Timeout = TimeSpan.FromHours(2) }, null, stop.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(1, reads);
    }

    [Fact]
    public void The_default_schedule_starts_near_15_s_grows_to_near_60_s_and_jitters()
    {
        var random = new Random(1);
        var first = ScanWaitSchedule.Default.Delay(1, random);
        Assert.InRange(first.TotalSeconds, 12, 18);
        var late = ScanWaitSchedule.Default.Delay(20, random);
        Assert.InRange(late.TotalSeconds, 48, 72);
        var draws = Enumerable.Range(0, 20).Select(_ => ScanWaitSchedule.Default.Delay(1, random)).Distinct().Count();
        Assert.True(draws > 1, "the delays must not all be the same (jitter)");
    }
}
