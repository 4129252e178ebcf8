
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

    [Fact]
    public async Task The_first_result_alone_starts_only_its_own_work_and_a_stop_cancels_what_runs_ahead()
    {
        var started = 0;
        var cancelled = 0;
        await foreach (var _ in InOrder.SelectAsync(Enumerable.Range(0, 10).ToList(), 8, async (i, ct) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                if (i > 0) await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return i;
        }))
        {
            break; // Select-Object -First 1
        }

        Assert.Equal(1, started);
        Assert.Equal(0, cancelled);

        // Two results taken: the work ahead started (at most 8 in flight) and was cancelled and awaited when the consumer stopped.
        started = 0;
        var taken = 0;
        await foreach (var _ in InOrder.SelectAsync(Enumerable.Range(0, 10).ToList(), 8, async (i, ct) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                if (i > 1) await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return i;
        }))
        {
            if (++taken == 2) break;
        }

        // The first alone, then builds 1 to 8 (at most 8 in flight); 2 to 8 were still running when the consumer stopped.
        Assert.Equal(9, started);
        Assert.Equal(7, cancelled);
    }
}
