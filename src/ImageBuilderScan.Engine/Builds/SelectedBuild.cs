namespace ImageBuilderScan.Engine.Builds;

/// <summary>The build a name given for it stands for.</summary>
/// <param name="SelectedFrom">The pipeline or image version ARN given, when the build is that one's newest; null when the build itself was named.</param>
/// <param name="ListedCreated">The creation date the listing gave the build it was chosen by (null when the build itself was
/// named): its own GetImage answer must say the same (<see cref="BuildScans.HoldToListing"/>).</param>
public sealed record SelectedBuild(string ImageBuildVersionArn, string? SelectedFrom, DateTime? ListedCreated = null);
