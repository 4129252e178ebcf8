namespace ImageBuilderScan.Emulator;

/// <summary>An error response: the model's error code (or AWS's auth codes), its HTTP status and message.</summary>
internal sealed class ApiError(string code, int status, string message) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    public static ApiError InvalidRequest(string message) => new("InvalidRequestException", 400, message);
    public static ApiError NotFound(string arn) => new("ResourceNotFoundException", 404, $"The resource {arn} does not exist.");
    public static ApiError InvalidToken() => new("InvalidPaginationTokenException", 400, "The pagination token is invalid.");

    /// <summary>The model's HTTP status for each of its error shapes.</summary>
    public static int StatusOf(string code) => code switch
    {
        "CallRateLimitExceededException" => 429,
        "ServiceException" => 500,
        "ServiceUnavailableException" => 503,
        "ForbiddenException" => 403,
        _ => 400,
    };
}
