using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Serves the Image Builder operations of <see cref="OperationTable"/>. Order per request: record it, verify its signature, validate it (including its
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
        var row = OperationTable.Find(context.Request.Method, context.Request.Path.Value);
        var operation = row?.Operation;
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
            if (row is null)
            {
                throw new ApiError("UnknownOperationException", 404, $"No operation at {context.Request.Method} {context.Request.Path}.");
            }
            var scope = new DataScope(scopeByRegion ? caller.Region : null, caller.AccountId);
            var page = row.Serve(new OperationCall(body, context.Request.Query, _pages, _tokens, data.View(scope), scope, scans, clock()));
            var hit = faults.Next(row.Operation, page.RequestToken is not null, caller.Region);
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
                await WritePageAsync(context, requestId, row, page, hit.Response);
            }
        }
        catch (ApiError error)
        {
            record.ErrorCode = error.Code;
            await ErrorResponses.WriteAsync(context, error.Code, error.Status, error.Message);
        }
        finally
        {
            record.End(context.Response.StatusCode, context.RequestAborted.IsCancellationRequested);
            logger.LogInformation("{Method} {Target} -> {Status} {Code}", context.Request.Method, target, context.Response.StatusCode, record.ErrorCode);
        }
    }

    private static async Task WritePageAsync(HttpContext context, string requestId, OperationRow row, ServedPage page, FaultPlan? fault)
    {
        var nextToken = fault?.Kind == FaultKind.RepeatedNextToken ? page.RequestToken : page.NextToken;
        Absurdity? absurdity = fault?.Kind == FaultKind.AbsurdCounts ? fault.Absurdity : null;
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (fault is null || fault.Kind is FaultKind.RepeatedNextToken or FaultKind.AbsurdCounts)
        {
            await row.Write(response.BodyWriter, response.BodyWriter, requestId, page, nextToken, absurdity, context.RequestAborted);
            await response.BodyWriter.FlushAsync(context.RequestAborted);
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        await row.Write(buffer, null, requestId, page, nextToken, absurdity, context.RequestAborted);
        await FaultResponses.WriteMangledAsync(context, fault, buffer.WrittenMemory, requestId, row.Operation);
    }

    private static Dictionary<string, string> Headers(HttpRequest request) =>
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
}
