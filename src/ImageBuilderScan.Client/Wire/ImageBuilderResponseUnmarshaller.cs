using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using ImageBuilderScan.Client.Diagnostics;
using ImageBuilderScan.Client.Errors;

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

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        var headers = context.ResponseData;
        var requestId = NullIfEmpty(headers?.GetHeaderValue(RequestIdHeader));
        var headerCode = NullIfEmpty(headers?.GetHeaderValue("x-amzn-ErrorType"));
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
