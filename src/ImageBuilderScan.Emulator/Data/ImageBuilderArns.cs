using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Emulator;

/// <summary>The parts of Image Builder ARNs the emulator scopes and groups by: region, account, image name, version, build.</summary>
public static partial class ImageBuilderArns
{
    /// <summary>The model's ImageVersionArnOrBuildVersionArn (GetImage's input): a build version, or a version with x wildcards.</summary>
    [GeneratedRegex(@"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/(?:(?:([0-9]+|x)\.([0-9]+|x)\.([0-9]+|x))|(?:[0-9]+\.[0-9]+\.[0-9]+/[0-9]+))$")]
    internal static partial Regex ImageVersionOrBuildPattern();

    /// <summary>The model's ImageVersionArn (ListImageBuildVersions' input): a version, no build number, no wildcards.</summary>
    [GeneratedRegex(@"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image/[a-z0-9-_]+/[0-9]+\.[0-9]+\.[0-9]+$")]
    internal static partial Regex ImageVersionPattern();

    /// <summary>The model's ImagePipelineArn.</summary>
    [GeneratedRegex(@"^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline/[a-z0-9-_]+$")]
    internal static partial Regex PipelinePattern();

    [GeneratedRegex(@"^arn:aws[^:]*:imagebuilder:(?<region>[^:]+):(?<account>[0-9]{12}):image/(?<name>[a-z0-9-_]+)/(?<version>[0-9]+\.[0-9]+\.[0-9]+)/(?<build>[0-9]+)$")]
    private static partial Regex BuildVersionPattern();

    /// <summary>The region field of any ARN (arn:partition:service:REGION:account:resource), or "" when it has none.</summary>
    public static string Region(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[3] : "";
    }

    /// <summary>The account field of any ARN, or "" when it has none.</summary>
    public static string Account(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 ? parts[4] : "";
    }

    /// <summary>An image build version ARN's name, version and build (false for anything else).</summary>
    public static bool TryParseBuildVersion(string arn, out string name, out string version, out long build)
    {
        var match = BuildVersionPattern().Match(arn);
        name = match.Success ? match.Groups["name"].Value : "";
        version = match.Success ? match.Groups["version"].Value : "";
        build = match.Success && long.TryParse(match.Groups["build"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : 0;
        return match.Success;
    }

    /// <summary>The pipeline's name (the last path segment of its ARN).</summary>
    public static string PipelineName(string pipelineArn) => pipelineArn[(pipelineArn.LastIndexOf('/') + 1)..];

    /// <summary>Sorts versions numerically (1.10.0 after 1.9.0), then builds.</summary>
    internal static (long, long, long, long) Order(string version, long build)
    {
        var parts = version.Split('.');
        long Part(int i) => i < parts.Length && long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (Part(0), Part(1), Part(2), build);
    }
}
