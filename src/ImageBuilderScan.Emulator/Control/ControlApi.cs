using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The unsigned control endpoints under /_emulator, for Pester and out-of-process harnesses. Answered only to
/// loopback clients (anything else gets 404, as if the path did not exist).
/// </summary>
internal sealed class ControlApi(EmulatorServer server)
{
    public const string Prefix = "/_emulator";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var method = context.Request.Method;
        var path = context.Request.Path.Value![Prefix.Length..].TrimEnd('/');
        try
        {
            switch (method, path)
            {
                case ("GET", "/faults"):
                    await Reply(context, 200, server.Faults.Snapshot());
                    break;
                case ("POST", "/faults"):
                    foreach (var plan in await ReadPlans(context))
                    {
                        server.Faults.Add(plan);
                    }
                    await Reply(context, 200, server.Faults.Snapshot());
                    break;
                case ("PUT", "/faults"):
                    server.Faults.Set([.. await ReadPlans(context)]);
                    await Reply(context, 200, server.Faults.Snapshot());
                    break;
                case ("DELETE", "/faults"):
                    server.Faults.Clear();
                    await Reply(context, 200, server.Faults.Snapshot());
                    break;
                case ("GET", "/stats"):
                    await Reply(context, 200, Stats());
                    break;
                case ("GET", "/requests"):
                    await Reply(context, 200, server.Requests.Recent);
                    break;
                case ("POST", "/reset"):
                    server.Reset();
                    await Reply(context, 200, Stats());
                    break;
                case ("GET", "/aggregations"):
                    var name = context.Request.Query["filterName"].FirstOrDefault();
                    var values = context.Request.Query["value"].Where(v => v is not null).Select(v => v!).ToArray();
                    await Reply(context, 200, server.Data.ExpectedAggregations(name, values.Length == 0 ? null : values, server.Options.FilterMatchesAll));
                    break;
                case ("GET", "/scans"):
                    await Reply(context, 200, server.Scans.Snapshot(server.Clock()));
                    break;
                case ("POST", "/scans"):
                    var scan = await JsonSerializer.DeserializeAsync<ScanProgression>(context.Request.Body, Json, context.RequestAborted)
                        ?? throw new JsonException("Expected a scan progression.");
                    server.Scans.Start(scan.Validated(), server.Clock());
                    await Reply(context, 200, server.Scans.Snapshot(server.Clock()));
                    break;
                case ("DELETE", "/scans"):
                    server.Scans.Clear();
                    await Reply(context, 200, server.Scans.Snapshot(server.Clock()));
                    break;
                case ("GET", "/data"):
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(server.Data.ToJson());
                    break;
                default:
                    await Reply(context, 404, new { message = $"No control endpoint {method} {context.Request.Path}." });
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            await Reply(context, 400, new { message = e.Message });
        }
    }

    private object Stats() => new
    {
        total = server.Requests.Total,
        listImageScanFindingAggregations = server.Requests.Aggregations,
        listImageScanFindings = server.Requests.Findings,
        getImage = server.Requests.Images,
        listImagePipelineImages = server.Requests.PipelineImages,
        listImageBuildVersions = server.Requests.BuildVersions,
        other = server.Requests.Other,
        authenticationFailures = server.Requests.AuthenticationFailures,
        faultsFired = server.Faults.FiredCount,
    };

    /// <summary>A single plan object or an array of them.</summary>
    private static async Task<IReadOnlyList<FaultPlan>> ReadPlans(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.Deserialize<FaultPlan[]>(Json) ?? []
            : [document.RootElement.Deserialize<FaultPlan>(Json) ?? throw new JsonException("Expected a fault plan.")];
    }

    private static Task Reply<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, Json, context.RequestAborted);
    }
}
