using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The emulator host: the same app for tests (in process, 127.0.0.1 on a free port) and for the command line.
/// <code>await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { AggregationPageSize = 3 });</code>
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, EmulatorOptions options, FindingsDataSet data)
    {
        _app = app;
        Options = options;
        Data = data;
    }

    /// <summary>Where the emulator listens (the first address when several were given).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public EmulatorOptions Options { get; }

    /// <summary>The data set served, and the aggregations expected from it.</summary>
    public FindingsDataSet Data { get; }

    /// <summary>
    /// What a request signed for <paramref name="region"/> sees: that region's findings and images when the emulator
    /// scopes by region (<see cref="ScopesByRegion"/>), else all; for a role's <paramref name="accountId"/>, only that
    /// account's (null: the delegated administrator's view, every account).
    /// </summary>
    public FindingsDataSet Visible(string region, string? accountId = null) =>
        Data.View(new DataScope(ScopesByRegion(Options) ? region : null, accountId == Options.AdminAccountId ? null : accountId));

    /// <summary>Scans set to advance through their states over time (GetImage serves the state reached).</summary>
    public ScanBoard Scans { get; } = new();

    /// <summary>Fault plans in force; change them at any time.</summary>
    public FaultBoard Faults { get; } = new();

    /// <summary>Requests received per operation, and the most recent ones.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>Temporary credentials issued by the STS AssumeRole endpoint (POST / in the AWS Query protocol).</summary>
    public TemporaryCredentials Sessions { get; } = new();

    /// <summary>The clock signatures are checked against (tests may move it to check the skew window).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var data = LoadData(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        if (options.Urls is { } urls)
        {
            builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }
        var app = builder.Build();
        var server = new EmulatorServer(app, options, data);
        foreach (var plan in options.Faults)
        {
            server.Faults.Add(plan);
        }
        var verifier = new SigV4Verifier(options, () => server.Clock(), server.Sessions);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ImageBuilderScan.Emulator");
        var started = server.Clock();
        foreach (var scan in options.ScanProgressions)
        {
            server.Scans.Start(scan.Validated(), started);
        }
        var api = new ApiHandler(options, data, ScopesByRegion(options), server.Faults, server.Requests, verifier, logger, server.Scans, () => server.Clock());
        var sts = new StsHandler(server.Sessions, server.Requests, verifier, () => server.Clock(), options.MinSessionSeconds, options.DeniedRoleAccounts,
            new MfaCheck(options.MfaRoles, options.MfaSerialNumber, options.MfaTokenCode), options.AdminAccountId, logger);
        var control = new ControlApi(server);
        app.Run(context => context.Request.Path.StartsWithSegments(ControlApi.Prefix) ? control.HandleAsync(context)
            : StsHandler.Handles(context.Request) ? sts.HandleAsync(context)
            : api.HandleAsync(context));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
        return server;
    }

    /// <summary>Clears request counts, recent requests, every fault plan and every advancing scan.</summary>
    public void Reset()
    {
        Scans.Clear();
        Requests.Reset();
        Faults.Clear();
        Faults.ResetCount();
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM) or the token is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>
    /// Region scoping is on for data that says where it lives (a data file, inline data, generated --regions). The
    /// default generated data set answers every region, as it always has, so a client set to any region can try it.
    /// </summary>
    public static bool ScopesByRegion(EmulatorOptions options) => options.RegionScope switch
    {
        RegionScope.On => true,
        RegionScope.Off => false,
        _ => options.DataJson is not null || options.DataFile is not null || options.Regions is { Count: > 0 },
    };

    private static FindingsDataSet LoadData(EmulatorOptions options) =>
        options.DataJson is { } json ? FindingsDataSet.Parse(json)
        : options.DataFile is { } file ? FindingsDataSet.Load(file)
        : new FindingsDataSet(FindingsGenerator.Generate(options));

    private static void Validate(EmulatorOptions o)
    {
        if (o.AggregationPageSize < 1) throw new ArgumentException("AggregationPageSize must be at least 1.");
        if (o.FindingsPageSize is < 1 or > 25) throw new ArgumentException("FindingsPageSize must be between 1 and 25.");
        if (o.SyntheticKeys < 0) throw new ArgumentException("SyntheticKeys must not be negative.");
        if (o.MinSessionSeconds is < 1 or > 43200) throw new ArgumentException("MinSessionSeconds must be between 1 and 43200.");
        if (o.LatencyMs < 0 || o.RegionLatencyMs.Values.Any(ms => ms < 0)) throw new ArgumentException("Latencies must not be negative.");
        if (o.AdminAccountId.Length != 12 || !o.AdminAccountId.All(char.IsAsciiDigit)) throw new ArgumentException("AdminAccountId must be 12 digits.");
        if (o.Regions is { } regions && (regions.Count == 0 || regions.Any(string.IsNullOrWhiteSpace))) throw new ArgumentException("Regions must name at least one region.");
        if (string.IsNullOrEmpty(o.AccessKeyId) || string.IsNullOrEmpty(o.SecretAccessKey)) throw new ArgumentException("Access key id and secret are required.");
        if (o.Accounts < 0 || o.PipelinesPerAccount < 0 || o.ImagesPerPipeline < 0 || o.FindingsPerImage < 0 || o.Vulnerabilities < 1)
            throw new ArgumentException("Data set sizes must not be negative (and at least one vulnerability).");
    }
}
