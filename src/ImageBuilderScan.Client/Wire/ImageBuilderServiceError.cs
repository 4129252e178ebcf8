using System.Net;
using Amazon.Runtime;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// Every Image Builder error response, as the SDK pipeline sees it. The pipeline retries by this
/// exception's <see cref="Retryable"/>: <c>CallRateLimitExceededException</c> (429) is in no SDK
/// throttling list, so it is declared throttling here; 5xx are transient. The API layer maps it to
/// the engine's typed <see cref="Errors.ScanServiceException"/>.
/// </summary>
internal sealed class ImageBuilderServiceError(string message, Exception? inner, string? errorCode, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, inner, ErrorTypeFor(statusCode), errorCode, requestId, statusCode)
{
    public override RetryableDetails? Retryable
    {
        get
        {
            if (StatusCode == (HttpStatusCode)429 || ErrorCode == "CallRateLimitExceededException")
                return new RetryableDetails(throttling: true);
            if ((int)StatusCode is 500 or 502 or 503 or 504)
                return new RetryableDetails(throttling: false);
            return null;
        }
    }

    private static ErrorType ErrorTypeFor(HttpStatusCode status) => (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
}
