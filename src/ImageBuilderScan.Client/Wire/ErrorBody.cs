using System.Text.Json;

namespace ImageBuilderScan.Client.Wire;

/// <summary>
/// The rest-json error shape: <c>{"__type"|"code"|"error": ..., "message"|"Message": ...}</c>, and the one list of the
/// members that make a body an error (<see cref="IsErrorMember"/>): an error answer reads them, a successful one that
/// holds any of them is refused (<see cref="JsonShapeReader.SkipResponseMember"/>).
/// </summary>
internal static class ErrorBody
{
    /// <summary>The header that names an error's type; on a successful answer it makes the answer an error (see the unmarshaller).</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    /// <summary>Whether the property the reader is on is a member of an error shape (none of them is a member of any output
    /// shape of the operations this module calls).</summary>
    public static bool IsErrorMember(ref Utf8JsonReader reader) => IsCodeMember(ref reader) || IsMessageMember(ref reader);

    private static bool IsCodeMember(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("__type"u8) || reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8)
        || reader.ValueTextEquals("error"u8) || reader.ValueTextEquals("Error"u8);

    private static bool IsMessageMember(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8) || reader.ValueTextEquals("errorMessage"u8);

    public static (string? Code, string? Message) Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return (null, null);
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (null, null);
        string? type = null, code = null, message = null;
        while (JsonShapeReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("__type"u8)) type = ReadLenient(ref reader);
            else if (IsCodeMember(ref reader)) code = ReadLenient(ref reader) ?? code;
            else if (IsMessageMember(ref reader)) message = ReadLenient(ref reader);
            else JsonShapeReader.SkipValue(ref reader);
        }
        return (type ?? code, message);
    }

    /// <summary>
    /// <c>com.amazonaws.imagebuilder#ForbiddenException:http://internal.amazon.com/...</c> becomes
    /// <c>ForbiddenException</c>: the namespace before <c>#</c> and the <c>:</c> suffix are dropped.
    /// </summary>
    public static string? NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var span = code.AsSpan().Trim();
        var colon = span.IndexOf(':');
        if (colon >= 0) span = span[..colon];
        var hash = span.LastIndexOf('#');
        if (hash >= 0) span = span[(hash + 1)..];
        span = span.Trim();
        // The code becomes an error id: one that is no identifier is not taken (the status code names the error instead).
        if (span.IsEmpty || span.Length > 128) return null;
        foreach (var c in span)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.') return null;
        return span.ToString();
    }

    private static string? ReadLenient(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        reader.Skip();
        return null;
    }
}
