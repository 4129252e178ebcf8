using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace ImageBuilderScan.Emulator;

internal sealed record GetImageRequest(string ImageArn);

/// <summary>A filter of an image listing (<c>name</c>, <c>version</c>, ...) with 1-10 values (any value matches).</summary>
internal sealed record ImageFilter(string Name, string[] Values);

/// <summary>A listing of images by one required ARN (ListImagePipelineImages, ListImageBuildVersions): the ARN, filters, page size, token.</summary>
internal sealed record ImageListRequest(string Arn, IReadOnlyList<ImageFilter> Filters, int? MaxResults, string? NextToken);

/// <summary>GetImage's query string and the image listings' bodies, checked against the model's constraints.</summary>
internal static partial class ApiRequests
{
    /// <summary>GetImage: <c>GET /GetImage?imageBuildVersionArn=...</c> (the model puts the member in the query string).</summary>
    public static GetImageRequest ParseGetImage(StringValues arn)
    {
        if (arn.Count == 0 || arn[0] is null)
        {
            throw Constraint("null", "imageBuildVersionArn", "Member must not be null");
        }
        if (arn.Count > 1)
        {
            throw ApiError.InvalidRequest("imageBuildVersionArn must be given once.");
        }
        var text = arn[0]!;
        if (!ImageBuilderArns.ImageVersionOrBuildPattern().IsMatch(text))
        {
            throw Constraint($"'{text}'", "imageBuildVersionArn", "Member must satisfy regular expression pattern: " + ImageBuilderArns.ImageVersionOrBuildPattern());
        }
        return new GetImageRequest(text);
    }

    /// <summary>An image listing's body: the required <paramref name="arnMember"/>, <c>filters</c> of <paramref name="filterNames"/>, maxResults, nextToken.</summary>
    public static ImageListRequest ParseImageList(ReadOnlySpan<byte> body, string arnMember, System.Text.RegularExpressions.Regex pattern, IReadOnlyList<string> filterNames)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        var arn = RequiredArn(root, arnMember, pattern);
        return new ImageListRequest(arn, ImageFilters(root, filterNames), MaxResults(root), Token(root));
    }

    private static string RequiredArn(JsonElement root, string member, System.Text.RegularExpressions.Regex pattern)
    {
        if (!root.TryGetProperty(member, out var arnElement) || arnElement.ValueKind == JsonValueKind.Null)
        {
            throw Constraint("null", member, "Member must not be null");
        }
        Expect(arnElement, JsonValueKind.String, member);
        var arn = arnElement.GetString()!;
        if (!pattern.IsMatch(arn))
        {
            throw Constraint($"'{arn}'", member, "Member must satisfy regular expression pattern: " + pattern);
        }
        return arn;
    }

    private static List<ImageFilter> ImageFilters(JsonElement root, IReadOnlyList<string> names)
    {
        var filters = new List<ImageFilter>();
        if (root.TryGetProperty("filters", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            Expect(list, JsonValueKind.Array, "filters");
            var count = list.GetArrayLength();
            if (count is < 1 or > 10)
            {
                throw Constraint($"'{count}' filters", "filters", "Member must have length less than or equal to 10 and greater than or equal to 1");
            }
            var i = 0;
            foreach (var filter in list.EnumerateArray())
            {
                i++;
                Expect(filter, JsonValueKind.Object, $"filters.{i}.member");
                var name = FilterName(filter, $"filters.{i}.member.name", names);
                filters.Add(new ImageFilter(name, Values(filter, $"filters.{i}.member.values", 10)));
            }
        }
        return filters;
    }
}
