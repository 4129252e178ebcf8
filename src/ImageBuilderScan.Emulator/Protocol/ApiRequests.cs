using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Emulator;

internal sealed record AggregationRequest(string? FilterName, string[] Values, string? NextToken);

internal sealed record FindingsRequest(string? FilterName, string? Value, int? MaxResults, string? NextToken);

/// <summary>
/// Parses request bodies and checks them against the model's constraints, answering in the style of AWS's
/// validation messages. Unknown members are ignored, as the real service does for rest-json input.
/// </summary>
internal static partial class ApiRequests
{
    [GeneratedRegex("^[a-zA-Z]{1,1024}$")]
    private static partial Regex FilterNamePattern();

    [GeneratedRegex("^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$")]
    private static partial Regex FilterValuePattern();

    public static AggregationRequest ParseAggregations(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        string? name = null;
        string[] values = [];
        if (root.TryGetProperty("filter", out var filter) && filter.ValueKind != JsonValueKind.Null)
        {
            Expect(filter, JsonValueKind.Object, "filter");
            name = FilterName(filter, "filter", AggregationKinds.All);
            values = Values(filter, "filter.values", 10);
        }
        return new AggregationRequest(name, values, Token(root));
    }

    public static FindingsRequest ParseFindings(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        string? name = null, value = null;
        if (root.TryGetProperty("filters", out var filters) && filters.ValueKind != JsonValueKind.Null)
        {
            Expect(filters, JsonValueKind.Array, "filters");
            var count = filters.GetArrayLength();
            if (count is < 1 or > 1)
            {
                throw Constraint($"'{count}' filters", "filters", "Member must have length less than or equal to 1 and greater than or equal to 1");
            }
            var filter = filters[0];
            Expect(filter, JsonValueKind.Object, "filters.1.member");
            name = FilterName(filter, "filters.1.member.name", AggregationKinds.FindingFilters);
            var values = Values(filter, "filters.1.member.values", 1);
            value = values[0];
        }
        return new FindingsRequest(name, value, MaxResults(root), Token(root));
    }

    /// <summary>The model's RestrictedInteger maxResults (1-25), or null when absent.</summary>
    private static int? MaxResults(JsonElement root)
    {
        if (!root.TryGetProperty("maxResults", out var max) || max.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (max.ValueKind != JsonValueKind.Number || !max.TryGetInt32(out var m))
        {
            throw ApiError.InvalidRequest("maxResults must be an integer.");
        }
        if (m is < 1 or > 25)
        {
            throw Constraint($"'{m}'", "maxResults", "Member must have value less than or equal to 25 and greater than or equal to 1");
        }
        return m;
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return JsonDocument.Parse("{}");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            throw ApiError.InvalidRequest("The request body is not valid JSON.");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiError.InvalidRequest("The request body must be a JSON object.");
        }
        return document;
    }

    private static string FilterName(JsonElement filter, string path, IReadOnlyList<string> allowed)
    {
        if (!filter.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw ApiError.InvalidRequest($"{path} is required and must be a string.");
        }
        var name = nameElement.GetString()!;
        if (!FilterNamePattern().IsMatch(name))
        {
            throw Constraint($"'{name}'", path, "Member must satisfy regular expression pattern: ^[a-zA-Z]{1,1024}$");
        }
        if (!allowed.Contains(name, StringComparer.Ordinal))
        {
            throw ApiError.InvalidRequest($"The filter name '{name}' is not supported. Valid names: {string.Join(", ", allowed)}.");
        }
        return name;
    }

    private static string[] Values(JsonElement filter, string path, int max)
    {
        if (!filter.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            throw ApiError.InvalidRequest($"{path} is required and must be a list of strings.");
        }
        var count = values.GetArrayLength();
        if (count < 1 || count > max)
        {
            throw Constraint($"'{count}' values", path, $"Member must have length less than or equal to {max} and greater than or equal to 1");
        }
        var result = new string[count];
        var i = 0;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String || !FilterValuePattern().IsMatch(value.GetString()!))
            {
                throw Constraint($"'{value}'", $"{path}.{i + 1}.member", "Member must satisfy regular expression pattern: ^[0-9a-zA-Z./_ :,{}\"-]{1,1024}$");
            }
            result[i++] = value.GetString()!;
        }
        return result;
    }

    private static string? Token(JsonElement root)
    {
        if (!root.TryGetProperty("nextToken", out var token) || token.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        Expect(token, JsonValueKind.String, "nextToken");
        var text = token.GetString()!;
        if (text.Length is < 1 or > 65535)
        {
            throw Constraint($"a token of {text.Length} characters", "nextToken", "Member must have length less than or equal to 65535 and greater than or equal to 1");
        }
        return text;
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string path)
    {
        if (element.ValueKind != kind)
        {
            throw ApiError.InvalidRequest($"{path} must be a JSON {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private static ApiError Constraint(string value, string path, string constraint) =>
        ApiError.InvalidRequest($"1 validation error detected: Value {value} at '{path}' failed to satisfy constraint: {constraint}");
}
