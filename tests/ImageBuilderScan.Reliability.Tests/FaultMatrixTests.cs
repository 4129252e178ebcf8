using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Exactly once or a clear error: every fault kind x first, middle and last page x both operations, against
/// the live emulator. The run must yield exactly the data set's items, in order, each once; every failure on
/// the way must be typed, carry the failed request's token and values, and resume to exactly the rest.
/// Split by fault group into classes only so that xunit runs the groups side by side (most of the time is
/// the SDK's back-off, not work).
/// </summary>
public abstract class FaultMatrix(ITestOutputHelper output)
{
    protected static TheoryData<string, string, string> Cases(string group, EmulatorOperation? only = null)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var workload in Workload.Both.Where(w => only is null || w.Operation == only))
            foreach (var fault in FaultCatalogue.All.Where(f => f.Group == group && (!f.AggregationsOnly || workload == Workload.Aggregations)))
                foreach (var position in new[] { "first", "middle", "last" })
                    data.Add(workload.Operation.ToString(), fault.Name, position);
        return data;
    }

    /// <param name="concurrency">Request chains at once. Above 1 a fault planned for request N may hit another chain's
    /// request, so a burst meant to outlast one request's attempts may be spread over several that each complete: only
    /// "exactly the items, in order" and "completes when it must" are asserted then.</param>
    protected async Task RunAsync(string operation, string faultName, string position, int concurrency = 1)
    {
        var workload = Workload.Of(Enum.Parse<EmulatorOperation>(operation));
        var fault = FaultCatalogue.Named(faultName);
        await using var server = await Emulators.StartAsync();
        var pages = workload.PageCount(server.Data);
        Assert.True(pages >= 3, "the workload needs a first, a middle and a last page");
        var onRequest = position switch { "first" => 1, "middle" => (pages + 1) / 2, _ => pages };
        server.Faults.Add(fault.Plan(workload.Operation, onRequest));
        using var client = Emulators.Client(server, maxAttempts: FaultCatalogue.MaxAttempts, timeout: fault.Timeout, concurrency: concurrency);

        var outcome = await ExactlyOnce.RunAsync(server, workload, client, concurrent: concurrency > 1);

        output.WriteLine($"{pages} pages, fault on request {onRequest}; {server.Requests.Total} requests, " +
            $"errors: {string.Join("; ", outcome.Errors.Select(e => $"{e.GetType().Name}/{e.ErrorId}"))}");
        Assert.True(server.Faults.FiredCount > 0, "the fault never fired, so nothing was tested");
        Assert.Equal(workload.Expected(server.Data), outcome.Emitted);
        if (fault.Expect == Expect.Completes) Assert.Empty(outcome.Errors);
        if (fault.Expect == Expect.Fails && concurrency == 1) Assert.NotEmpty(outcome.Errors);
    }
}

/// <summary>The whole matrix with concurrency on: the two chains of each workload run at once (-ThrottleLimit 4).</summary>
public sealed class ConcurrentFaultTests(ITestOutputHelper output) : FaultMatrix(output)
{
    public static TheoryData<string, string, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var group in FaultCatalogue.All.Select(f => f.Group).Distinct())
                foreach (var row in Cases(group)) data.Add((string)row[0], (string)row[1], (string)row[2]);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task With_concurrency_every_fault_yields_every_item_exactly_once_in_order_or_a_typed_error_that_resumes(string operation, string fault, string position)
        => RunAsync(operation, fault, position, concurrency: 4);
}

/// <summary>
/// One fault group's matrix, one request chain at a time. The test is written once here; each group is a class of
/// its own (below) only so that xunit runs the groups side by side, and <typeparamref name="TGroup"/> (that class)
/// says which group its matrix holds.
/// </summary>
public abstract class FaultGroupTests<TGroup>(ITestOutputHelper output) : FaultMatrix(output) where TGroup : FaultGroupTests<TGroup>
{
    /// <summary>Each group's class: its fault group, and the one operation it is limited to (null: both).</summary>
    private static readonly Dictionary<Type, (string Group, EmulatorOperation? Only)> Groups = new()
    {
        [typeof(AggregationThrottlingFaultTests)] = ("Throttling", EmulatorOperation.ListImageScanFindingAggregations),
        [typeof(FindingThrottlingFaultTests)] = ("Throttling", EmulatorOperation.ListImageScanFindings),
        [typeof(ServerErrorFaultTests)] = ("ServerErrors", null),
        [typeof(NetworkFaultTests)] = ("Network", null),
        [typeof(BodyAndTokenFaultTests)] = ("Bodies", null),
    };

    public static TheoryData<string, string, string> Matrix => Cases(Groups[typeof(TGroup)].Group, Groups[typeof(TGroup)].Only);

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Each_fault_of_the_group_yields_every_item_exactly_once_or_a_typed_error_that_resumes(string operation, string fault, string position)
        => RunAsync(operation, fault, position);
}

public sealed class AggregationThrottlingFaultTests(ITestOutputHelper output) : FaultGroupTests<AggregationThrottlingFaultTests>(output);
public sealed class FindingThrottlingFaultTests(ITestOutputHelper output) : FaultGroupTests<FindingThrottlingFaultTests>(output);
public sealed class ServerErrorFaultTests(ITestOutputHelper output) : FaultGroupTests<ServerErrorFaultTests>(output);
public sealed class NetworkFaultTests(ITestOutputHelper output) : FaultGroupTests<NetworkFaultTests>(output);
public sealed class BodyAndTokenFaultTests(ITestOutputHelper output) : FaultGroupTests<BodyAndTokenFaultTests>(output);
