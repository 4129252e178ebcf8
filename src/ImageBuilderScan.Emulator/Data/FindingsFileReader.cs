using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Reads the data file format {"findings":[ImageScanFinding...], "images":[...]} and checks each finding against the
/// model's member names and types closely enough that a typo fails at load instead of serving a wrong wire shape.
/// </summary>
internal static class FindingsFileReader
{
    private static readonly Dictionary<string, JsonValueKind> TopLevel = DataFileMembers.Table(
        strings: ["awsAccountId", "imageBuildVersionArn", "imagePipelineArn", "type", "description", "title", "severity", "fixAvailable"],
        numbers: ["firstObservedAt", "updatedAt", "inspectorScore"],
        objects: ["remediation", "inspectorScoreDetails", "packageVulnerabilityDetails"]);

    public static (IReadOnlyList<EmulatedFinding> Findings, IReadOnlyList<EmulatedImage> Images) Read(string json, string source)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("findings", out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{source}: expected an object with a \"findings\" array.");
        }
        var findings = new List<EmulatedFinding>(array.GetArrayLength());
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            findings.Add(ReadOne(element, $"{source}: findings[{index++}]"));
        }
        var images = document.RootElement.TryGetProperty("images", out var listed) ? ImagesFileReader.Read(listed, source) : [];
        return (findings, images);
    }

    private static EmulatedFinding ReadOne(JsonElement finding, string where)
    {
        DataFileMembers.Check(finding, where, "an ImageScanFinding object", TopLevel, name => $"'{name}' is not a member of ImageScanFinding.");
        string Required(string name) => finding.TryGetProperty(name, out var v) && v.GetString() is { Length: > 0 } s
            ? s : throw new FormatException($"{where}: '{name}' is required by the emulator.");
        var details = finding.TryGetProperty("packageVulnerabilityDetails", out var d) ? d : default;
        var vulnerabilityId = details.ValueKind == JsonValueKind.Object && details.TryGetProperty("vulnerabilityId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()! : throw new FormatException($"{where}: 'packageVulnerabilityDetails.vulnerabilityId' is required.");
        var pipeline = finding.TryGetProperty("imagePipelineArn", out var p) ? p.GetString() : null;
        return new EmulatedFinding(Required("awsAccountId"), Required("imageBuildVersionArn"), pipeline,
            vulnerabilityId, Required("severity"), Compact(finding));
    }

    private static string Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
