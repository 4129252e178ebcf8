namespace ImageBuilderScan.Emulator;

/// <summary>How each fault kind turns into bytes on the wire.</summary>
internal static class FaultResponses
{
    /// <summary>The error a fault answers with, or null for faults that alter a successful body.</summary>
    public static ApiError? ErrorOf(FaultPlan fault) => fault.Kind switch
    {
        FaultKind.Throttle => new("CallRateLimitExceededException", 429, fault.Message ?? "Rate exceeded"),
        FaultKind.ServiceError => new("ServiceException", 500, fault.Message ?? "An internal error occurred. Try again."),
        FaultKind.ServiceUnavailable => new("ServiceUnavailableException", 503, fault.Message ?? "The service is temporarily unavailable. Try again."),
        FaultKind.Error => new(fault.ErrorCode!, fault.StatusCode ?? ApiError.StatusOf(fault.ErrorCode!), fault.Message ?? $"Injected {fault.ErrorCode}."),
        _ => null,
    };

    public static async Task WriteMangledAsync(HttpContext context, FaultPlan fault, ReadOnlyMemory<byte> body, string requestId, EmulatorOperation operation)
    {
        var response = context.Response;
        var half = body[..(body.Length / 2)];
        switch (fault.Kind)
        {
            case FaultKind.DropConnection:
                // Promise the whole body, deliver half, then cut the connection.
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(half, context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                break;
            case FaultKind.TruncatedBody:
                if (!fault.Chunked)
                {
                    response.ContentLength = half.Length;
                }
                await response.Body.WriteAsync(half, context.RequestAborted);
                break;
            case FaultKind.MalformedBody:
                var bad = fault.Malformation == Malformation.NotJson
                    ? "<html><body><h1>502 Bad Gateway</h1></body></html>"u8.ToArray()
                    : System.Text.Encoding.UTF8.GetBytes(OperationTable.For(operation).WrongTypes(requestId));
                response.ContentLength = bad.Length;
                await response.Body.WriteAsync(bad, context.RequestAborted);
                break;
            default:
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body, context.RequestAborted);
                break;
        }
    }
}
