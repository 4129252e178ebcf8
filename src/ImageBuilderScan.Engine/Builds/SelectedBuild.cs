namespace ImageBuilderScan.Engine.Builds;

/// <summary>The build a name given for it stands for.</summary>
/// <param name="SelectedFrom">The pipeline or image version ARN given, when the build is that one's newest; null when the build itself was named.</param>
public sealed record SelectedBuild(string ImageBuildVersionArn, string? SelectedFrom);
