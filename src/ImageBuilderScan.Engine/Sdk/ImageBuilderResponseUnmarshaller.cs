using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using ImageBuilderScan.Engine.Errors;

namespace ImageBuilderScan.Engine.Sdk;

/// <summary>
/// The shared part of both operations' response unmarshallers: reads the body into a pooled buffer,
/// parses it with <see cref="Utf8JsonReader"/> straight into the engine's records, and turns error
/// responses into <see cref="ImageBuilderServiceError"/>. A body that is not the model's JSON becomes
/// a <see cref="ScanProtocolException"/>.
/// </summary>
internal abstract class ImageBuilderResponseUnmarshaller : JsonResponseUnmarshaller
{
    internal const string RequestIdHeader = "x-amzn-RequestId";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        var headerRequestId = context.ResponseData?.GetHeaderValue(RequestIdHeader);
        using var body = ResponseBody.Read(context.Stream, context.ResponseData?.ContentLength ?? -1);
        try
        {
            var reader = new Utf8JsonReader(body.Span, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonShapeException("The response body is not a JSON object.");
            return Parse(ref reader, NullIfEmpty(headerRequestId));
        }
        catch (Exception e) when (e is JsonException or JsonShapeException or InvalidOperationException)
        {
            throw new ScanProtocolException("MalformedResponse",
                $"The service returned a response that is not valid for this operation: {e.Message}",
                NullIfEmpty(headerRequestId), e);
        }
    }

    /// <summary>Parses the members of the top-level object; the reader is on its StartObject.</summary>
    protected abstract AmazonWebServiceResponse Parse(ref Utf8JsonReader reader, string? headerRequestId);

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

    protected static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
