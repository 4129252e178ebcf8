
namespace ImageBuilderScan.Engine.Tests.Concurrency;

/// <summary>The gate's and the comparison's builds at once: results in input order, at most the limit in flight, the first alone.</summary>
public sealed class InOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public async Task Results_come_in_input_order_under_random_delays_and_never_more_than_the_limit_at_once(int limit)
    {
        var random = new Random(limit);
        var delays = Enumerable.Range(0, 20).Select(_ => random.Next(0, 30)).ToArray();
        var (inFlight, most) = (0, 0);
        var results = new List<int>();
        await foreach (var r in InOrder.SelectAsync(Enumerable.Range(0, 20).ToList(), limit, async (i, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (delays) most = Math.Max(most, now);
            await Task.Delay(delays[i], ct);
            Interlocked.Decrement(ref inFlight);
            return i;
        }))
        {
            results.Add(r);
        }

        Assert.Equal(Enumerable.Range(0, 20), results);
        Assert.InRange(most, 1, limit);
        if (limit == 1) Assert.Equal(1, most);
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(2, 9, 7)]
    public async Task The_first_result_alone_starts_only_its_own_work_and_a_stop_cancels_what_runs_ahead(int taken, int expectStarted, int expectCancelled)
    {
        // Build i > 0 runs until cancelled. One result taken (Select-Object -First 1): only the first build started.
        // Two: the first alone, then builds 1 to 8 (at most 8 in flight); 2 to 8 were running when the consumer stopped.
        var (started, cancelled, got) = (0, 0, 0);
        await foreach (var _ in InOrder.SelectAsync(Enumerable.Range(0, 10).ToList(), 8, async (i, ct) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                // The last result taken waits for every build in flight to have started (the event, not a time; a window
                // that never starts them fails the test after a minute instead of hanging the run).
                var deadline = DateTime.UtcNow.AddMinutes(1);
                if (i == taken - 1 && taken > 1)
                {
                    while (Volatile.Read(ref started) < expectStarted)
                    {
                        Assert.True(DateTime.UtcNow < deadline, $"only {Volatile.Read(ref started)} of {expectStarted} builds ever started");
                        await Task.Delay(1, ct);
                    }
                }
                if (i >= taken) await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return i;
        }))
        {
            if (++got == taken) break;
        }

        Assert.Equal(expectStarted, started);
        Assert.Equal(expectCancelled, cancelled);
    }
}
