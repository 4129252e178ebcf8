namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// The service refused the request. Each error code of the model has its own subclass; an error
/// code the model does not list arrives as this class itself.
/// </summary>
public class ScanServiceException : ImageBuilderScanException
{
    public ScanServiceException(string errorCode, string message, int statusCode, string? requestId, Exception? inner = null)
        : base(message, inner)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The error code without namespace prefix or suffix, e.g. <c>ForbiddenException</c>.</summary>
    public string ErrorCode { get; }
    public int StatusCode { get; }
    public string? RequestId { get; }

    public override string ErrorId => ErrorCode;

    public override ScanErrorCategory Category => StatusCode switch
    {
        401 => ScanErrorCategory.AuthenticationError,
        403 => ScanErrorCategory.PermissionDenied,
        429 => ScanErrorCategory.LimitsExceeded,
        >= 500 => ScanErrorCategory.ResourceUnavailable,
        >= 400 => ScanErrorCategory.InvalidArgument,
        _ => ScanErrorCategory.NotSpecified,
    };

    /// <summary>Builds the typed exception for an error code (already stripped of prefix and suffix).</summary>
    public static ScanServiceException Create(string? errorCode, string? message, int statusCode, string? requestId, Exception? inner = null)
    {
        var code = string.IsNullOrEmpty(errorCode) ? $"HttpStatus{statusCode}" : errorCode;
        var text = string.IsNullOrEmpty(message) ? $"The service returned {code} (HTTP {statusCode})." : message;
        return code switch
        {
            nameof(CallRateLimitExceededException) => new CallRateLimitExceededException(text, statusCode, requestId, inner),
            nameof(InvalidPaginationTokenException) => new InvalidPaginationTokenException(text, statusCode, requestId, inner),
            nameof(InvalidRequestException) => new InvalidRequestException(text, statusCode, requestId, inner),
            nameof(ClientException) => new ClientException(text, statusCode, requestId, inner),
            nameof(ForbiddenException) => new ForbiddenException(text, statusCode, requestId, inner),
            nameof(ServiceException) => new ServiceException(text, statusCode, requestId, inner),
            nameof(ServiceUnavailableException) => new ServiceUnavailableException(text, statusCode, requestId, inner),
            _ => new ScanServiceException(code, text, statusCode, requestId, inner),
        };
    }
}

/// <summary>429: the permitted request rate was exceeded (after the configured retries).</summary>
public sealed class CallRateLimitExceededException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(CallRateLimitExceededException), message, statusCode, requestId, inner);

/// <summary>400: the pagination token is invalid, expired or belongs to another request.</summary>
public sealed class InvalidPaginationTokenException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(InvalidPaginationTokenException), message, statusCode, requestId, inner);

/// <summary>400: the request is not valid.</summary>
public sealed class InvalidRequestException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(InvalidRequestException), message, statusCode, requestId, inner);

/// <summary>400: a client-side problem such as a missing permission or an invalid resource id.</summary>
public sealed class ClientException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(ClientException), message, statusCode, requestId, inner);

/// <summary>403: the caller is not allowed to make the request.</summary>
public sealed class ForbiddenException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(ForbiddenException), message, statusCode, requestId, inner);

/// <summary>500: the service hit an unrecoverable error (after the configured retries).</summary>
public sealed class ServiceException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(ServiceException), message, statusCode, requestId, inner);

/// <summary>503: the service is unavailable (after the configured retries).</summary>
public sealed class ServiceUnavailableException(string message, int statusCode, string? requestId, Exception? inner = null)
    : ScanServiceException(nameof(ServiceUnavailableException), message, statusCode, requestId, inner);
