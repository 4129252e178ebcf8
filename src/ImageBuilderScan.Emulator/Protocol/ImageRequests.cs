using System.Text.Json;
using Microsoft.Extensions.Primitives;

namespace ImageBuilderScan.Emulator;

internal sealed record GetImageRequest(string ImageArn);

/// <summary>A filter of ListImagePipelineImages: <c>name</c> or <c>version</c> with 1-10 values (any value matches).</summary>
internal sealed record ImageFilter(string Name, string[] Values);

internal sealed record PipelineImagesRequest(string PipelineArn, IReadOnlyList<ImageFilter> Filters, int? MaxResults, string? NextToken);

/// <summary>GetImage's query string and ListImagePipelineImages' body, checked against the model's constraints.</summary>
internal static partial class ApiRequests
{
    /// <summary>The filter names ListImagePipelineImages documents.</summary>
    public static readonly IReadOnlyList<string> ImageFilterNames = ["name", "version"];

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

    public static PipelineImagesRequest ParsePipelineImages(ReadOnlySpan<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("imagePipelineArn", out var arnElement) || arnElement.ValueKind == JsonValueKind.Null)
        {
            throw Constraint("null", "imagePipelineArn", "Member must not be null");
        }
        Expect(arnElement, JsonValueKind.String, "imagePipelineArn");
        var arn = arnElement.GetString()!;
        if (!ImageBuilderArns.PipelinePattern().IsMatch(arn))
        {
            throw Constraint($"'{arn}'", "imagePipelineArn", "Member must satisfy regular expression pattern: " + ImageBuilderArns.PipelinePattern());
        }
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
                var name = FilterName(filter, $"filters.{i}.member.name", ImageFilterNames);
                filters.Add(new ImageFilter(name, Values(filter, $"filters.{i}.member.values", 10)));
            }
        }
        return new PipelineImagesRequest(arn, filters, MaxResults(root), Token(root));
    }
}
