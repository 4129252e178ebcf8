namespace ImageBuilderScan.Engine.Gate;

/// <summary>What the gate excuses as inherited: nothing, the previous build of the image's pipeline, or a named build.</summary>
/// <param name="ImageBuildVersionArn">The named baseline build; null means the newest older build of the image's pipeline whose scan completed.</param>
/// <param name="Force">Accept a named baseline that is the build itself, not older than it, or of another pipeline.</param>
public sealed record GateBaseline(string? ImageBuildVersionArn, bool Force = false)
{
    /// <summary>-NewOnly: the newest older build of each image's pipeline whose scan completed (none for a first build: everything is new).</summary>
    public static GateBaseline PreviousBuild { get; } = new((string?)null);

    /// <summary>The baseline a policy asks for: a named build (which implies new findings only), the previous build, or none.</summary>
    public static GateBaseline? For(string? baselineImageBuildVersionArn, bool newOnly, bool force = false) =>
        baselineImageBuildVersionArn is not null ? new GateBaseline(baselineImageBuildVersionArn, force) : newOnly ? PreviousBuild : null;
}
