using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Gate;

/// <summary>
/// What a named baseline must be, unless -Force: another build than the one judged, created before it,
/// from the same pipeline. A baseline equal to the build excuses every finding as inherited, a newer one
/// excuses what a later fix would remove, and another pipeline's findings say nothing of this one's.
/// </summary>
public static class BaselineAcceptance
{
    public const string RefusedId = "BaselineRefused";

    /// <exception cref="ScanStateException">The baseline breaks a rule (BaselineRefused), naming it and -Force.</exception>
    public static void Check(ImageScanState image, ImageScanState baseline)
    {
        var problem = Problem(image, baseline);
        if (problem is not null)
            throw new ScanStateException(RefusedId, image.ImageBuildVersionArn,
                $"The baseline {baseline.ImageBuildVersionArn} {problem}. Name an older build of the same pipeline with -BaselineImageBuildVersionArn, use -NewOnly alone, or add -Force to compare with it anyway.");
    }

    /// <summary>What makes <paramref name="baseline"/> no baseline of <paramref name="image"/> (said of the baseline), or null.</summary>
    public static string? Problem(ImageScanState image, ImageScanState baseline) => Builds.BuildScans.NotAnOlderBuildOf(image, baseline);
}
