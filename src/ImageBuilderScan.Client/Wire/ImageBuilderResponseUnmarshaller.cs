using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// Every operation's response unmarshaller: reads the body into a pooled buffer, hands it to the
/// operation's <see cref="ResponseReader{T}"/> (which parses it with <see cref="Utf8JsonReader"/>
/// straight into the engine's records), and turns error responses into
/// <see cref="ImageBuilderServiceError"/>. A body that is not the model's JSON, or breaks a rule of
/// <see cref="StrictDocument"/>, becomes a <see cref="ScanProtocolException"/> <c>MalformedResponse</c>.
/// </summary>
internal sealed class ImageBuilderResponseUnmarshaller<T>(ResponseReader<T> reader) : JsonResponseUnmarshaller
{
    private const string RequestIdHeader = "x-amzn-RequestId";

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var headerRequestId = context.ResponseData?.GetHeaderValue(RequestIdHeader);
        if (Unlike(context.ResponseData) is { } unlike)
            throw new ScanProtocolException("MalformedResponse",
                $"The service answered {unlike}, which Image Builder never answers with: the answer is not used.", NullIfEmpty(headerRequestId));
        using var body = ResponseBody.Read(context.Stream, context.ResponseData?.ContentLength ?? -1);
        try
        {
            StrictDocument.Check(body.Span);
            var json = new Utf8JsonReader(body.Span, StrictDocument.ReaderOptions);
            json.Read();
            var started = ScanTrace.Enabled ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            var value = reader.Read(ref json, NullIfEmpty(headerRequestId));
            if (ScanTrace.Enabled) ScanTrace.Mark($"response: {body.Span.Length} bytes parsed in {ScanTrace.Since(started):F1} ms");
            return new ImageBuilderResponse<T> { Value = value };
        }
        catch (Exception e) when (e is JsonException or JsonShapeException or InvalidOperationException)
        {
            throw new ScanProtocolException("MalformedResponse",
                $"The service returned a response that is not valid for this operation: {e.Message}",
                NullIfEmpty(headerRequestId), e);
        }
    }

    /// <summary>
    /// How a successful answer differs from what the service sends (HTTP 200, JSON, not encoded, no error named), or null.
    /// Read regardless, a partial content (206) would pass for the whole list, a body encoded as gzip would fail as text that
    /// is not UTF-8, naming the wrong cause, and a 200 whose header names an error (a throttle) would read as an empty page.
    /// No content type at all is read (the body must still be the model's JSON, and hold no error member either).
    /// </summary>
    private static string? Unlike(IWebResponseData? response)
    {
        if (response is null) return null;
        if (response.StatusCode != HttpStatusCode.OK) return $"HTTP {(int)response.StatusCode} to a request that succeeds with 200";
        if (response.IsHeaderPresent(ErrorBody.ErrorTypeHeader))
            return $"HTTP 200 with the error header {ErrorBody.ErrorTypeHeader} '{Text.InputDisplay.Show(response.GetHeaderValue(ErrorBody.ErrorTypeHeader))}'";
        var encoding = response.GetHeaderValue("Content-Encoding");
        if (!string.IsNullOrEmpty(encoding) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return $"a body encoded as '{Text.InputDisplay.Show(encoding)}' (none was asked for)";
        var type = response.ContentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(type) && !IsJson(type)) return $"a body of type '{Text.InputDisplay.Show(type)}' instead of JSON";
        return null;
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.StartsWith("application/x-amz-json-", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var headers = context.ResponseData;
        var requestId = NullIfEmpty(headers?.GetHeaderValue(RequestIdHeader));
        var headerCode = NullIfEmpty(headers?.GetHeaderValue(ErrorBody.ErrorTypeHeader));
        string? bodyCode = null, message = null;
        try
        {
            using var body = ResponseBody.Read(context.Stream, headers?.ContentLength ?? -1);
            (bodyCode, message) = ErrorBody.Parse(body.Span);
        }
        catch (Exception e) when (e is IOException or JsonException or JsonShapeException or InvalidOperationException or ObjectDisposedException)
        {
            // An error body that cannot be read still leaves the status code and the header.
        }
        var code = ErrorBody.NormalizeCode(headerCode ?? bodyCode);
        return new ImageBuilderServiceError(message ?? $"The service returned HTTP {(int)statusCode}.", innerException,
            code, requestId, statusCode);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

/// <summary>The SDK-side response: the operation's parsed value, carried out of the pipeline.</summary>
internal sealed class ImageBuilderResponse<T> : AmazonWebServiceResponse
{
    // Set once by the unmarshaller; the SDK requires a parameterless constructor.
    public T Value { get; init; } = default!;
}
