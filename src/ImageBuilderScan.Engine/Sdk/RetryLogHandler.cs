using Amazon.Runtime;
using Amazon.Runtime.Internal;
using ImageBuilderScan.Engine.Connection;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Sits inside the SDK's RetryHandler, so it runs once per attempt: each attempt after the first is
/// reported as one verbose line naming the operation, the attempt and the error that caused it.
/// Nothing from the request (headers, body, credentials) is logged.
/// </summary>
internal sealed class RetryLogHandler(IScanLog? log, int maxAttempts) : PipelineHandler
{
    private const string LastErrorKey = "ImageBuilderScan.LastError";

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext;
        if (request.Retries > 0 && log is not null)
        {
            request.ContextAttributes.TryGetValue(LastErrorKey, out var lastError);
            log.Verbose($"Retrying {request.RequestName?.Replace("Sdk", "").Replace("Request", "")} (attempt {request.Retries + 1} of {maxAttempts}) after {lastError ?? "an error"}.");
        }
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            request.ContextAttributes[LastErrorKey] = Describe(e);
            throw;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        AmazonServiceException s when s.StatusCode != 0 => $"{s.ErrorCode ?? "an error"} (HTTP {(int)s.StatusCode})",
        TaskCanceledException or TimeoutException => "a timeout",
        _ => e.GetType().Name,
    };
}
