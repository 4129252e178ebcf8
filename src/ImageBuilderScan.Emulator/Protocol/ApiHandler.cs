using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Serves the Image Builder operations. Order per request: record it, verify its signature, validate it (including its
/// page token) against what the caller may see, let the fault board decide, then answer. So a refused or invalid
/// request is counted but never consumes a fault.
/// </summary>
internal sealed class ApiHandler(EmulatorOptions options, FindingsDataSet data, bool scopeByRegion, FaultBoard faults,
    RequestLog requests, SigV4Verifier verifier, ILogger logger, ScanBoard scans, Func<DateTimeOffset> clock)
{
    private const int MaxBodyBytes = 1024 * 1024;
    private readonly PageTokens _tokens = new();
    private readonly PageServer _pages = new(options);

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var operation = OperationOf(context.Request);
        var body = await IncomingRequest.ReadBodyAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var record = requests.Record(operation, context.Request.Method, target, Headers(context.Request), Encoding.UTF8.GetString(body), requestId);
        try
        {
            if (body.Length > MaxBodyBytes)
            {
                throw new ApiError("SerializationException", 413, "The request body is too large.");
            }
            var refusal = verifier.Verify(new SignedRequest(context.Request.Method, target, n => IncomingRequest.Header(context.Request, n), body), out var caller);
            if (refusal is not null)
            {
                requests.RecordRefusal();
                throw refusal;
            }
            if (operation is not { } op)
            {
                throw new ApiError("UnknownOperationException", 404, $"No operation at {context.Request.Method} {context.Request.Path}.");
            }
            var scope = new DataScope(scopeByRegion ? caller.Region : null, caller.AccountId);
            var view = data.View(scope);
            var page = op switch
            {
                EmulatorOperation.ListImageScanFindingAggregations => _pages.Aggregations(ApiRequests.ParseAggregations(body), _tokens, view, scope),
                EmulatorOperation.ListImageScanFindings => _pages.Findings(ApiRequests.ParseFindings(body), _tokens, view, scope),
                EmulatorOperation.ListImagePipelineImages => _pages.PipelineImages(ApiRequests.ParsePipelineImages(body), _tokens, view, scope),
                EmulatorOperation.ListImageBuildVersions => _pages.BuildVersions(ApiRequests.ParseBuildVersions(body), _tokens, view, scope),
                _ => PageServer.Image(ApiRequests.ParseGetImage(context.Request.Query["imageBuildVersionArn"]), view, scans, clock()),
            };
            var hit = faults.Next(op, page.RequestToken is not null, caller.Region);
            var latency = hit.LatencyMs + options.LatencyMs + options.RegionLatencyMs.GetValueOrDefault(caller.Region);
            if (latency > 0)
            {
                await Task.Delay(latency, context.RequestAborted);
            }
            if (hit.Response is { } fault && FaultResponses.ErrorOf(fault) is { } error)
            {
                record.ErrorCode = error.Code;
                await ErrorResponses.WriteAsync(context, error.Code, error.Status, error.Message, fault.ErrorCodeStyle);
            }
            else
            {
                await WritePageAsync(context, requestId, op, page, hit.Response);
            }
        }
        catch (ApiError error)
        {
            record.ErrorCode = error.Code;
            await ErrorResponses.WriteAsync(context, error.Code, error.Status, error.Message);
        }
        finally
        {
            record.StatusCode = context.Response.StatusCode;
            logger.LogInformation("{Method} {Target} -> {Status} {Code}", context.Request.Method, target, context.Response.StatusCode, record.ErrorCode);
        }
    }

    private async Task WritePageAsync(HttpContext context, string requestId, EmulatorOperation op, ServedPage page, FaultPlan? fault)
    {
        var nextToken = fault?.Kind == FaultKind.RepeatedNextToken ? page.RequestToken : page.NextToken;
        Absurdity? absurdity = fault?.Kind == FaultKind.AbsurdCounts ? fault.Absurdity : null;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (fault is null || fault.Kind is FaultKind.RepeatedNextToken or FaultKind.AbsurdCounts)
        {
            await WriteBodyAsync(response.BodyWriter, response.BodyWriter, requestId, page, nextToken, absurdity, context.RequestAborted);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        await WriteBodyAsync(buffer, null, requestId, page, nextToken, absurdity, context.RequestAborted);
        await FaultResponses.WriteMangledAsync(context, fault, buffer.WrittenMemory, requestId, op);
    }

    private static async ValueTask WriteBodyAsync(IBufferWriter<byte> output, System.IO.Pipelines.PipeWriter? pipe, string requestId,
        ServedPage page, string? nextToken, Absurdity? absurdity, CancellationToken ct)
    {
        if (page.Findings is { } findings)
        {
            PageJson.WriteFindings(output, requestId, findings, nextToken);
        }
        else if (page.ImageSummaries is { } summaries)
        {
            PageJson.WriteImageSummaries(output, requestId, summaries, nextToken);
        }
        else if (page.Image is { } image)
        {
            PageJson.WriteImage(output, requestId, image);
        }
        else
        {
            await PageJson.WriteAggregationsAsync(output, pipe, requestId, page.Kind!, page.Aggregations!, nextToken, absurdity, ct);
        }
    }

    /// <summary>The model's http method and requestUri of each operation.</summary>
    private static EmulatorOperation? OperationOf(HttpRequest request) => (request.Method, request.Path.Value) switch
    {
        ("POST", "/ListImageScanFindingAggregations") => EmulatorOperation.ListImageScanFindingAggregations,
        ("POST", "/ListImageScanFindings") => EmulatorOperation.ListImageScanFindings,
        ("POST", "/ListImagePipelineImages") => EmulatorOperation.ListImagePipelineImages,
        ("POST", "/ListImageBuildVersions") => EmulatorOperation.ListImageBuildVersions,
        ("GET", "/GetImage") => EmulatorOperation.GetImage,
        _ => null,
    };

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
}
