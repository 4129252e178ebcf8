
namespace ImageBuilderScan.Engine.Tests.Fleet;

/// <summary>A profile's account is asked of STS once for all its targets; a failure is one warning and no account.</summary>
public sealed class AccountLookupTests
{
    [Fact]
    public async Task Concurrent_targets_of_one_profile_ask_once_and_share_the_answer()
    {
        var lookup = new AccountLookup("dev");
        var asked = 0;
        var release = new TaskCompletionSource();
        async Task<string> Ask(CancellationToken ct)
        {
            Interlocked.Increment(ref asked);
            await release.Task.WaitAsync(ct);
            return "444455556666";
        }

        var waiting = Enumerable.Range(0, 8).Select(_ => Task.Run(() => lookup.GetAsync(Ask, null, CancellationToken.None))).ToArray();
        release.SetResult();
        var answers = await Task.WhenAll(waiting);
        Assert.All(answers, a => Assert.Equal("444455556666", a));
        Assert.Equal(1, asked);
        Assert.Equal("444455556666", await lookup.GetAsync(_ => throw new InvalidOperationException("asked twice"), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_is_one_warning_naming_the_profile_and_no_account_for_every_target()
    {
        var lookup = new AccountLookup("audit");
        var log = new RecordingLog();
        var asked = 0;
        Task<string> Fail(CancellationToken ct)
        {
            Interlocked.Increment(ref asked);
            throw new ScanNetworkException("Could not connect to STS at http://127.0.0.1:9/ (connection refused).", timedOut: false);
        }

        Assert.Null(await lookup.GetAsync(Fail, log, CancellationToken.None));
        Assert.Null(await lookup.GetAsync(Fail, log, CancellationToken.None));
        Assert.Equal(1, asked);
        var warning = Assert.Single(log.Lines);
        Assert.StartsWith("WARNING: The account of profile 'audit' could not be learned from STS GetCallerIdentity (Could not connect", warning);
        Assert.EndsWith("its vulnerability aggregations carry no AccountId.", warning);
    }

    [Fact]
    public async Task A_stop_while_asking_is_a_cancellation_not_a_missing_account()
    {
        var lookup = new AccountLookup("dev");
        using var stop = new CancellationTokenSource();
        var asking = lookup.GetAsync(async ct => { await Task.Delay(Timeout.Infinite, ct); return "never"; }, new RecordingLog(), stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asking);
    }
}
