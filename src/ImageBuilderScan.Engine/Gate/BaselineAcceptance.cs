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
    public static string? Problem(ImageScanState image, ImageScanState baseline)
    {
        if (string.Equals(image.ImageBuildVersionArn, baseline.ImageBuildVersionArn, StringComparison.Ordinal))
            return "is the build being judged: every finding would pass as inherited";
        if (!string.Equals(image.ImagePipelineArn, baseline.ImagePipelineArn, StringComparison.Ordinal))
            return $"is of another pipeline ({baseline.ImagePipelineArn ?? "none"}) than the build ({image.ImagePipelineArn ?? "none"})";
        if (image.DateCreated is not { } built || baseline.DateCreated is not { } then)
            return "or the build has no creation date, so the baseline cannot be shown to be older";
        if (then >= built)
            return $"is not older than the build (created {then:u}, the build {built:u})";
        return null;
    }
}
