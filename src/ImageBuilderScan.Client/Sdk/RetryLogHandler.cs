using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace ImageBuilderScan.Client.Sdk;

/// <summary>
/// Sits inside the SDK's RetryHandler, so it runs once per attempt: each attempt after the first is
/// reported as one verbose line naming the operation, the attempt and the error that caused it.
/// Nothing from the request (headers, body, credentials) is logged.
/// </summary>
/// <remarks>
/// It also holds the SDK to the attempt budget. AWSSDK.Core re-sends a request whose connection was
/// reset without counting it as a retry (seen: 11 sends, back to back, with MaxAttempts 1), so a
/// server that keeps dropping connections was hammered past MaxAttempts. Every send passes through
/// here; once <c>maxAttempts</c> sends have failed, the last failure ends the request as a client
/// exception (its one translation, see <see cref="ErrorTranslator"/>), which the SDK does not retry.
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
        // A stop ends the request here rather than as one more attempt (see the catch below).
        if (sends > 1) request.CancellationToken.ThrowIfCancellationRequested();
        if (sends > 1 && log is not null)
        {
            request.ContextAttributes.TryGetValue(LastErrorKey, out var lastError);
            log.Retrying($"Retrying {OperationName(request.OriginalRequest)} (attempt {sends} of {maxAttempts}) after {lastError ?? "an error"}.");
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            log?.Debug($"{OperationName(request.OriginalRequest)} attempt {sends} of {maxAttempts}: HTTP {(int?)executionContext.ResponseContext?.HttpResponse?.StatusCode ?? 0} " +
                $"in {Elapsed(started)} ms, request id {InputDisplay.RequestId(executionContext.ResponseContext?.Response?.ResponseMetadata?.RequestId)}.");
            return result;
        }
        catch (Exception e) when (request.CancellationToken.IsCancellationRequested && e is not OperationCanceledException { InnerException: null })
        {
            // The caller stopped (Ctrl+C, Select-Object -First, a runbook's timeout). Cancelling a send that waits
            // for its answer surfaces as a TaskCanceledException wrapping an IOException, and the SDK's retry
            // policy retries anything with an IOException inside, cancelled or not: end it as a plain
            // cancellation, which the SDK passes through, so no further attempt is made or logged.
            throw new OperationCanceledException("The request was stopped.", request.CancellationToken);
        }
        catch (Exception e)
        {
            request.ContextAttributes[LastErrorKey] = Describe(e);
            if (!request.CancellationToken.IsCancellationRequested)
                log?.Debug($"{OperationName(request.OriginalRequest)} attempt {sends} of {maxAttempts} failed after {Elapsed(started)} ms with {Describe(e)}; " +
                    (sends >= maxAttempts ? "no attempt left." : IsRetried(e) ? "retried after a back-off." : "not retried (the request itself was refused)."));
            if (sends >= maxAttempts && !request.CancellationToken.IsCancellationRequested)
            {
                // The last attempt's failure is translated here, once: SdkTransport passes the client's exceptions
                // through and translates only what ended the request without reaching this point.
                var translated = ErrorTranslator.Translate(e, request.CancellationToken, EndpointOf(request));
                // No inner exception: the SDK re-sends anything whose causes include a SocketException.
                if (translated is ScanNetworkException network)
                    throw new ScanNetworkException(network.Message, network.TimedOut) { Unreachable = network.Unreachable, Endpoint = network.Endpoint };
                if (translated is ImageBuilderScanException) throw translated;
            }

            throw;
        }
    }

    private static string Elapsed(long started) =>
        System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);

    // What the SDK's standard retry policy does with it (429 is made retryable by our exception type):
    // throttling, 5xx, unreadable answers and lost connections are retried; other 4xx are not.
    private static bool IsRetried(Exception e) => e switch
    {
        AmazonUnmarshallingException => true,
        AmazonServiceException { StatusCode: var status } when (int)status is 429 or >= 500 => true,
        AmazonServiceException { StatusCode: var status } when (int)status >= 400 => false,
        ScanNetworkException => false,
        _ => true,
    };

    private static string? EndpointOf(IRequestContext request) => request.Request?.Endpoint?.ToString();

    private static string Describe(Exception e) => e switch
    {
        // A 200 whose body could not be read is no "error (HTTP 200)": say what was wrong with it.
        AmazonUnmarshallingException u => $"a response that could not be read (HTTP {(int)u.StatusCode})",
        AmazonServiceException { InnerException: System.Text.Json.JsonException } s => $"a malformed response (HTTP {(int)s.StatusCode})",
        AmazonServiceException s when s.StatusCode != 0 => $"{s.ErrorCode ?? "an error"} (HTTP {(int)s.StatusCode})",
        System.Net.Sockets.SocketException or IOException or HttpRequestException => ConnectionProblem(e),
        TaskCanceledException or TimeoutException => "a timeout",
        _ => e.GetType().Name,
    };

    private static string ConnectionProblem(Exception e) =>
        ErrorTranslator.Translate(e, CancellationToken.None) is ScanNetworkException { Unreachable: true } ? "a connection failure (no connection could be made)"
            : "a lost connection (the response was cut off)";

    // The API's own operation name, as the page lines and AWS documentation spell it (the SDK's
    // RequestName is our internal class name, e.g. "ListingRequest`1").
    private static string OperationName(Amazon.Runtime.AmazonWebServiceRequest? request)
        => (request as IWireRequest)?.Operation ?? "the request";
}
