
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// In-process emulators shared by the tests of one class (xunit runs a class's tests one at a time), one per
/// set of start options, started on first use. Every <see cref="Get"/> resets the request log and the fault
/// plans, so each test sees only its own requests.
/// </summary>
public sealed class EmulatorPool : IAsyncLifetime
{
    private readonly Dictionary<(int, int, string?), EmulatorServer> _servers = new();

    /// <summary>A reset emulator over the generated default data set with these page sizes and session token.</summary>
    public async Task<EmulatorServer> Get(int aggregationPageSize = 100, int findingsPageSize = 10, string? sessionToken = null)
    {
        var key = (aggregationPageSize, findingsPageSize, sessionToken);
        if (!_servers.TryGetValue(key, out var server))
        {
            server = await EmulatorServer.StartAsync(new EmulatorOptions
            {
                AggregationPageSize = aggregationPageSize,
                FindingsPageSize = findingsPageSize,
                SessionToken = sessionToken,
            });
            _servers[key] = server;
        }
        server.Reset();
        return server;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
