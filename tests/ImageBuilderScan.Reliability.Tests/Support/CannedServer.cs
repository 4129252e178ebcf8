using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>
/// A stub on 127.0.0.1 that answers every request with one canned 200 body, for response shapes the emulator
/// never serves. It checks no signature: it stands for a service that answers strangely, not for auth.
/// </summary>
internal sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private CannedServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public int Requests => Volatile.Read(ref _requests);

    public static async Task<CannedServer> StartAsync(string body)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new CannedServer(app);
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        app.Run(async context =>
        {
            Interlocked.Increment(ref server._requests);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-amzn-RequestId"] = "canned-request";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
