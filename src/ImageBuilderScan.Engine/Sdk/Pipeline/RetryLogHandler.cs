using Amazon.Runtime;
using Amazon.Runtime.Internal;
using ImageBuilderScan.Engine.Connection;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// Sits inside the SDK's RetryHandler, so it runs once per attempt: each attempt after the first is
/// reported as one verbose line naming the operation, the attempt and the error that caused it.
/// Nothing from the request (headers, body, credentials) is logged.
/// </summary>
/// <remarks>
/// It also holds the SDK to the attempt budget. AWSSDK.Core re-sends a request whose connection was
/// reset without counting it as a retry (seen: 11 sends, back to back, with MaxAttempts 1), so a
/// server that keeps dropping connections was hammered past MaxAttempts. Every send passes through
/// here; once <c>maxAttempts</c> sends have failed, the last failure ends the request as an engine
/// exception, which the SDK does not retry.
/// </remarks>
internal sealed class RetryLogHandler(IScanLog? log, int maxAttempts) : PipelineHandler
{
    private const string LastErrorKey = "ImageBuilderScan.LastError";
    private const string SendsKey = "ImageBuilderScan.Sends";

    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        var request = executionContext.RequestContext;
        var sends = request.ContextAttributes.TryGetValue(SendsKey, out var counted) ? (int)counted! : 0;
        request.ContextAttributes[SendsKey] = ++sends;
        if (sends > 1 && log is not null)
        {
            request.ContextAttributes.TryGetValue(LastErrorKey, out var lastError);
            log.Verbose($"Retrying {OperationName(request.OriginalRequest)} (attempt {sends} of {maxAttempts}) after {lastError ?? "an error"}.");
        }
        try
        {
            return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            request.ContextAttributes[LastErrorKey] = Describe(e);
            if (sends >= maxAttempts && !request.CancellationToken.IsCancellationRequested
                && ErrorTranslator.Translate(e, request.CancellationToken) is ScanNetworkException network)
                // No inner exception: the SDK re-sends anything whose causes include a SocketException.
                throw new ScanNetworkException(network.Message, network.TimedOut);
            throw;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        AmazonServiceException s when s.StatusCode != 0 => $"{s.ErrorCode ?? "an error"} (HTTP {(int)s.StatusCode})",
        TaskCanceledException or TimeoutException => "a timeout",
        _ => e.GetType().Name,
    };

    // The API's own operation name, as the page lines and AWS documentation spell it (the SDK's
    // RequestName is our internal class name, e.g. "ListFindingsRequest").
    private static string OperationName(Amazon.Runtime.AmazonWebServiceRequest? request)
        => (request as IWireRequest)?.Operation ?? "the request";
}
