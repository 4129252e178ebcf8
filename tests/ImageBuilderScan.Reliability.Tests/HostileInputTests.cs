using ImageBuilderScan.Reliability.Tests.Support;
using Xunit.Abstractions;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>One live emulator for the class: every case must leave its request count at zero.</summary>
public sealed class HostileInputEmulator : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;
    public async Task InitializeAsync() => Server = await Emulators.StartAsync();
    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Hostile input is refused before the network: every bad value of the shared <see cref="HostileInput"/> (the named
/// cases per rule, and its seeded fuzz) goes through the client against a live emulator; none sends a request, and
/// each gets a <see cref="ScanInputException"/> whose message names the parameter and the expected form. Replay a
/// generated run with IBSCAN_FUZZ_SEED ("random" explores).
/// </summary>
public sealed class HostileInputTests(HostileInputEmulator emulator, ITestOutputHelper output) : IClassFixture<HostileInputEmulator>
{
    private const int DefaultSeed = 20251129;
    private const int RandomCases = 300;

    public static TheoryData<string> Named => new(HostileInput.Named.Keys);

    [Theory]
    [MemberData(nameof(Named))]
    public async Task Named_bad_input_is_refused_before_any_request(string label) => await AssertRefusedAsync(HostileInput.Named[label]);

    [Fact]
    public async Task Random_bad_values_are_refused_before_any_request()
    {
        var seed = HostileInput.Seed("IBSCAN_FUZZ_SEED", DefaultSeed);
        output.WriteLine($"IBSCAN_FUZZ_SEED={seed} ({RandomCases} values)");
        var cases = HostileInput.Random(seed, RandomCases).ToList();
        foreach (var c in cases) await AssertRefusedAsync(c);
        output.WriteLine($"{cases.Count} queries refused, {emulator.Server.Requests.Total} requests sent");
    }

    private async Task AssertRefusedAsync(BadQuery c)
    {
        var before = emulator.Server.Requests.Total;
        using var client = Emulators.Client(emulator.Server, maxAttempts: 1);
        var error = await Assert.ThrowsAsync<ScanInputException>(async () => await ListAsync(client, c.Query));
        Assert.True(c.Parameter == error.ParameterName, $"{c.Label}: named {error.ParameterName}, not {c.Parameter}: {error.Message}");
        Assert.StartsWith(c.Parameter + ":", error.Message);
        Assert.Contains("Expected " + error.ExpectedForm, error.Message);
        Assert.True(error.ExpectedForm.Contains(c.FormFragment, StringComparison.Ordinal), $"{c.Label}: expected form '{error.ExpectedForm}' lacks '{c.FormFragment}'");
        Assert.True(emulator.Server.Requests.Total == before, $"{c.Label}: a request was sent");
    }

    private static async Task ListAsync(ImageBuilderScanClient client, ListingQuery query)
    {
        if (query is AggregationQuery a) await client.GetAggregationsAsync(a).ToListAsync();
        else await client.GetFindingsAsync((FindingQuery)query).ToListAsync();
    }
}
