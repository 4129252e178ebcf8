using ImageBuilderScan.Emulator;
using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// Exactly once or a clear error: every fault kind x first, middle and last page x both operations, against
/// the live emulator. The run must yield exactly the data set's items, in order, each once; every failure on
/// the way must be typed, carry the failed request's token and values, and resume to exactly the rest.
/// </summary>
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var workload in Workload.Both)
            foreach (var fault in FaultCatalogue.All.Where(f => !f.AggregationsOnly || workload == Workload.Aggregations))
                foreach (var position in new[] { "first", "middle", "last" })
                    data.Add(workload.Operation.ToString(), fault.Name, position);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Fault_yields_every_item_exactly_once_or_a_typed_error_that_resumes(string operation, string faultName, string position)
    {
        var workload = Workload.Of(Enum.Parse<EmulatorOperation>(operation));
        var fault = FaultCatalogue.Named(faultName);
        await using var server = await Emulators.StartAsync();
        var pages = workload.PageCount(server.Data);
        Assert.True(pages >= 3, "the workload needs a first, a middle and a last page");
        var onRequest = position switch { "first" => 1, "middle" => (pages + 1) / 2, _ => pages };
        server.Faults.Add(fault.Plan(workload.Operation, onRequest));
        using var client = Emulators.Client(server, maxAttempts: FaultCatalogue.MaxAttempts, timeout: FaultCatalogue.RequestTimeout);

        var outcome = await ExactlyOnce.RunAsync(server, workload, client);

        output.WriteLine($"{pages} pages, fault on request {onRequest}; {server.Requests.Total} requests, " +
            $"errors: {string.Join("; ", outcome.Errors.Select(e => $"{e.GetType().Name}/{e.ErrorId}"))}");
        Assert.True(server.Faults.FiredCount > 0, "the fault never fired, so nothing was tested");
        Assert.Equal(workload.Expected(server.Data), outcome.Emitted);
        if (fault.Expect == Expect.Completes) Assert.Empty(outcome.Errors);
        if (fault.Expect == Expect.Fails) Assert.NotEmpty(outcome.Errors);
    }
}
