using System.Text.Json;

namespace ImageBuilderScan.Client.Wire;

/// <summary>The rest-json error shape: <c>{"__type"|"code": ..., "message"|"Message": ...}</c>.</summary>
internal static class ErrorBody
{
    public static (string? Code, string? Message) Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty) return (null, null);
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (null, null);
        string? type = null, code = null, message = null;
        while (JsonShapeReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("__type"u8)) type = ReadLenient(ref reader);
            else if (reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8)) code = ReadLenient(ref reader);
            else if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8) || reader.ValueTextEquals("errorMessage"u8)) message = ReadLenient(ref reader);
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
