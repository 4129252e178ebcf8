using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>One difference build's comparison: its changes, or the error that kept it from being compared (an error for that input alone).</summary>
/// <param name="Difference">The difference build as named (a build, image version or pipeline ARN).</param>
public sealed record ComparisonOutcome(string Difference, IReadOnlyList<FindingChange>? Changes, ImageBuilderScanException? Error);
