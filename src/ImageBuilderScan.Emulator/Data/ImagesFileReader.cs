using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Reads the data file's optional "images" list: image build versions with their scan state, so that GetImage and
/// ListImagePipelineImages can show images still scanning, failed, clean or not scanned at all. Unknown members and
/// wrong types are refused at load, like findings.
/// </summary>
internal static class ImagesFileReader
{
    private static readonly Dictionary<string, JsonValueKind> Members = DataFileMembers.Table(
        strings: ["arn", "imagePipelineArn", "scanState", "scanReason", "name", "version", "osVersion", "platform"],
        numbers: ["dateCreated"],
        booleans: ["scanningEnabled"]);

    private static readonly string[] Platforms = ["Linux", "Windows", "macOS"];

    public static IReadOnlyList<EmulatedImage> Read(JsonElement array, string source)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{source}: \"images\" must be an array.");
        }
        var images = new List<EmulatedImage>(array.GetArrayLength());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var where = $"{source}: images[{index++}]";
            var image = ReadOne(element, where);
            if (!seen.Add(image.Arn))
            {
                throw new FormatException($"{where}: image '{image.Arn}' is listed twice.");
            }
            images.Add(image);
        }
        return images;
    }

    private static EmulatedImage ReadOne(JsonElement image, string where)
    {
        DataFileMembers.Check(image, where, "an image object", Members, name => $"'{name}' is not an image member (valid: {string.Join(", ", Members.Keys)}).");
        string? Text(string name) => image.TryGetProperty(name, out var v) ? v.GetString() : null;
        var arn = Text("arn") ?? throw new FormatException($"{where}: 'arn' is required.");
        if (!ImageBuilderArns.TryParseBuildVersion(arn, out var arnName, out var arnVersion, out var build))
        {
            throw new FormatException($"{where}.arn: '{arn}' is not an image build version ARN (arn:aws:imagebuilder:<region>:<account>:image/<name>/<x.y.z>/<build>).");
        }
        var pipeline = Text("imagePipelineArn");
        if (pipeline is not null && !ImageBuilderArns.PipelinePattern().IsMatch(pipeline))
        {
            throw new FormatException($"{where}.imagePipelineArn: '{pipeline}' is not an image pipeline ARN.");
        }
        var scanningEnabled = !image.TryGetProperty("scanningEnabled", out var enabled) || enabled.GetBoolean();
        // An image built with scanning off was never scanned: it has no scan state unless the file gives one.
        var status = Text("scanState") ?? (scanningEnabled ? ImageScanStatuses.Completed : null);
        if (status is not null && !ImageScanStatuses.All.Contains(status, StringComparer.Ordinal))
        {
            throw new FormatException($"{where}.scanState: '{status}' is not an ImageScanStatus ({string.Join(", ", ImageScanStatuses.All)}).");
        }
        var version = Text("version") ?? arnVersion;
        if (version != arnVersion)
        {
            throw new FormatException($"{where}.version: '{version}' differs from the version in the ARN ('{arnVersion}').");
        }
        var platform = Text("platform") ?? ImageCatalog.DefaultPlatform(arnName);
        if (!Platforms.Contains(platform, StringComparer.Ordinal))
        {
            throw new FormatException($"{where}.platform: '{platform}' is not a Platform ({string.Join(", ", Platforms)}).");
        }
        if (!image.TryGetProperty("dateCreated", out var date) || !date.TryGetInt64(out var dateCreated) || dateCreated < 0)
        {
            throw new FormatException($"{where}: 'dateCreated' (epoch seconds, a whole number) is required.");
        }
        return new EmulatedImage
        {
            Arn = arn,
            Name = Text("name") ?? arnName,
            Version = version,
            Build = build,
            ImagePipelineArn = pipeline,
            ScanStatus = status,
            ScanReason = Text("scanReason"),
            ScanningEnabled = scanningEnabled,
            DateCreated = dateCreated,
            OsVersion = Text("osVersion"),
            Platform = platform,
        };
    }
}
