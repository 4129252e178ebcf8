using System.Globalization;
using System.Text.Json;

namespace ImageBuilderScan.Client.Wire;

/// <summary>A response member had a JSON type the model does not allow (e.g. a string count).</summary>
internal sealed class JsonShapeException(string message) : Exception(message);

/// <summary>
/// Typed reads over a <see cref="Utf8JsonReader"/> positioned on a property name: each reads the
/// member's value, accepts <c>null</c> as "absent", and throws <see cref="JsonShapeException"/> on
/// any other JSON type than the model's. Unknown members are skipped by the callers.
/// </summary>
internal static class JsonShapeReader
{
    public static string? ReadString(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Wrong(member, "a string", reader.TokenType),
        };
    }

    public static bool? ReadBoolean(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Wrong(member, "true or false", reader.TokenType),
        };
    }

    public static long? ReadInt64(ref Utf8JsonReader reader, string member)
    {
        if (!BeginNumber(ref reader, member, "an integer")) return null;
        return reader.TryGetInt64(out var value) ? value : throw NotInteger(member, 64);
    }

    public static int? ReadInt32(ref Utf8JsonReader reader, string member)
    {
        if (!BeginNumber(ref reader, member, "an integer")) return null;
        return reader.TryGetInt32(out var value) ? value : throw NotInteger(member, 32);
    }

    public static double? ReadDouble(ref Utf8JsonReader reader, string member)
        => BeginNumber(ref reader, member, "a number") ? reader.GetDouble() : null;

    /// <summary>Moves onto the member's value; true for a number, false for null.</summary>
    private static bool BeginNumber(ref Utf8JsonReader reader, string member, string expected)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number) return true;
        if (reader.TokenType == JsonTokenType.Null) return false;
        throw Wrong(member, expected, reader.TokenType);
    }

    private static JsonShapeException NotInteger(string member, int bits)
        => new($"The response member '{member}' is not a {bits}-bit integer.");

    /// <summary>rest-json timestamps are epoch seconds (possibly fractional); ISO 8601 text is accepted too.</summary>
    public static DateTime? ReadTimestamp(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                var seconds = reader.GetDouble();
                if (double.IsNaN(seconds) || Math.Abs(seconds) > 253402300799d)
                    throw new JsonShapeException($"The response member '{member}' is not a valid timestamp.");
                return DateTime.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            case JsonTokenType.String:
                if (DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    return parsed.UtcDateTime;
                throw new JsonShapeException($"The response member '{member}' is not a valid timestamp.");
            default:
                throw Wrong(member, "a timestamp", reader.TokenType);
        }
    }

    /// <summary>Moves onto the member's value; true for an object, false for null.</summary>
    public static bool BeginObject(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject) return true;
        if (reader.TokenType == JsonTokenType.Null) return false;
        throw Wrong(member, "an object", reader.TokenType);
    }

    /// <summary>Moves onto the member's value; true for an array, false for null.</summary>
    public static bool BeginArray(ref Utf8JsonReader reader, string member)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray) return true;
        if (reader.TokenType == JsonTokenType.Null) return false;
        throw Wrong(member, "an array", reader.TokenType);
    }

    /// <summary>
    /// Advances to the next member <paramref name="name"/> of the current object that holds an object, skipping
    /// every other member (and a null one), and moves onto that object; false at the current object's end.
    /// </summary>
    public static bool NextObjectMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, string path)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(name)) { if (BeginObject(ref reader, path)) return true; }
            else SkipValue(ref reader);
        }
        return false;
    }

    /// <summary>Reads the member the reader is on (its name) into <paramref name="state"/>, or skips it.</summary>
    public delegate void MemberReader<in TState>(ref Utf8JsonReader reader, TState state);

    /// <summary>
    /// Reads the members of an object held by an object (<c>remediation.recommendation</c>), each with
    /// <paramref name="read"/>; the outer object's other members are skipped, and null at either level is absent.
    /// </summary>
    public static void ReadInnerObject<TState>(ref Utf8JsonReader reader, string outer, ReadOnlySpan<byte> inner, string path,
        TState state, MemberReader<TState> read)
    {
        if (!BeginObject(ref reader, outer)) return;
        while (NextObjectMember(ref reader, inner, path))
        {
            while (NextProperty(ref reader)) read(ref reader, state);
        }
    }

    /// <summary>Advances to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Advances to the next array element; false at the array's end.</summary>
    public static bool NextElement(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>
    /// Skips an unknown top-level member of a successful answer. A member of the error shape (<c>__type</c>, <c>code</c>,
    /// <c>error</c>, <c>message</c>, ...: <see cref="ErrorBody.IsErrorMember"/>) refuses the answer: an error with status 200
    /// is still an error, never an empty page.
    /// </summary>
    public static void SkipResponseMember(ref Utf8JsonReader reader)
    {
        if (ErrorBody.IsErrorMember(ref reader))
            throw new JsonShapeException($"The response has the error member '{reader.GetString()}' though its status is success.");
        SkipValue(ref reader);
    }

    /// <summary>Skips the value of the property the reader is on (an unknown member).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    public static IReadOnlyList<string> ReadStringList(ref Utf8JsonReader reader, string member)
    {
        if (!BeginArray(ref reader, member)) return [];
        List<string>? list = null;
        while (NextElement(ref reader))
        {
            if (reader.TokenType != JsonTokenType.String) throw Wrong(member + "[]", "a string", reader.TokenType);
            (list ??= new List<string>(4)).Add(reader.GetString()!);
        }
        return list is null ? [] : list;
    }

    /// <summary>Reads the object the reader is on (its StartObject) into one element.</summary>
    public delegate T ObjectReader<out T>(ref Utf8JsonReader reader);

    /// <summary>
    /// An array of objects, each read by <paramref name="read"/>; null is an empty list, and an element that
    /// is no object is refused as <paramref name="element"/> (e.g. <c>cvss[]</c>).
    /// </summary>
    public static IReadOnlyList<T> ReadObjectList<T>(ref Utf8JsonReader reader, string member, string element, int capacity, ObjectReader<T> read)
    {
        if (!BeginArray(ref reader, member)) return [];
        var list = new List<T>(capacity);
        while (NextElement(ref reader))
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw Wrong(element, "an object", reader.TokenType);
            list.Add(read(ref reader));
        }
        return list;
    }

    public static JsonShapeException Wrong(string member, string expected, JsonTokenType actual)
        => new($"The response member '{member}' should be {expected} but is {Describe(actual)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => token.ToString(),
    };
}
