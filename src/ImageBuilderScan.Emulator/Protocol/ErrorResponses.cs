using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>Error responses as rest-json services send them: status, x-amzn-ErrorType, {"message": ...}.</summary>
internal static class ErrorResponses
{
    public static async Task WriteAsync(HttpContext context, string code, int status, string message,
        ErrorCodeStyle style = ErrorCodeStyle.Header)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        switch (style)
        {
            case ErrorCodeStyle.Header:
                response.Headers["x-amzn-ErrorType"] = code;
                break;
            case ErrorCodeStyle.HeaderWithSuffix:
                response.Headers["x-amzn-ErrorType"] = code + ":http://internal.amazon.com/coral/com.amazonaws.imagebuilder/";
                break;
        }
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (style == ErrorCodeStyle.BodyType)
            {
                w.WriteString("__type", "com.amazonaws.imagebuilder#" + code);
            }
            else if (style == ErrorCodeStyle.BodyCode)
            {
                w.WriteString("code", code);
            }
            w.WriteString("message", message);
            w.WriteEndObject();
        }
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
