namespace ImageBuilderScan.Engine.Gate;

/// <summary>What the gate excuses as inherited: nothing, the previous build of the image's pipeline, or a named build.</summary>
/// <param name="ImageBuildVersionArn">The named baseline build; null means the previous build of the image's pipeline.</param>
public sealed record GateBaseline(string? ImageBuildVersionArn)
{
    /// <summary>-NewOnly: the previous build of each image's pipeline (none for a first build: everything is new).</summary>
    public static GateBaseline PreviousBuild { get; } = new((string?)null);

    /// <summary>The baseline a policy asks for: a named build (which implies new findings only), the previous build, or none.</summary>
    public static GateBaseline? For(string? baselineImageBuildVersionArn, bool newOnly) =>
        baselineImageBuildVersionArn is not null ? new GateBaseline(baselineImageBuildVersionArn) : newOnly ? PreviousBuild : null;
}
