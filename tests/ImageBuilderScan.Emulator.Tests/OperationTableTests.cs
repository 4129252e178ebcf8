using ImageBuilderScan.Emulator;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>The emulator's one operation table: every operation in it once, and nothing else answered.</summary>
public sealed class OperationTableTests
{
    [Fact]
    public void Every_operation_has_exactly_one_row_at_its_own_method_and_path()
    {
        Assert.Equal(Enum.GetValues<EmulatorOperation>(), OperationTable.All.Select(r => r.Operation).Order());
        Assert.Equal(OperationTable.All.Count, OperationTable.All.Select(r => (r.Method, r.Path)).Distinct().Count());
        foreach (var row in OperationTable.All)
        {
            Assert.Same(row, OperationTable.Find(row.Method, row.Path));
            Assert.Equal(row.Operation, OperationTable.ByFaultName(row.FaultNames[0]));
            Assert.Equal(row.Operation, OperationTable.ByFaultName(row.Operation.ToString().ToUpperInvariant()));
        }
    }

    [Theory]
    [InlineData("POST", "/GetImage")]          // a known path with another method
    [InlineData("GET", "/ListImageScanFindings")]
    [InlineData("POST", "/ListImages")]        // an operation of the service the emulator does not serve
    [InlineData("POST", "/getimage")]
    public void Anything_else_is_no_operation(string method, string path) => Assert.Null(OperationTable.Find(method, path));

    [Fact]
    public void A_fault_plan_naming_no_operation_is_refused() =>
        Assert.Contains("Unknown operation 'images'", Assert.Throws<ArgumentException>(() => OperationTable.ByFaultName("images")).Message);

    [Fact]
    public async Task A_known_path_with_another_method_is_UnknownOperationException_not_another_answer()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var reply = await caller.Send("/GetImage", "{}");   // POST: GetImage is GET
        Assert.Equal(404, reply.Status);
        Assert.Equal("UnknownOperationException", reply.ErrorType);
        Assert.Equal(0, server.Requests.Images);
    }
}
