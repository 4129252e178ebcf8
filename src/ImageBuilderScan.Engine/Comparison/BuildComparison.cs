using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>
/// What changed between two builds: both scans read completely and both complete (an incomplete side
/// is an error, never an empty side that turns every finding into Added or Fixed). Without a
/// reference, the reference is the previous build of the difference build's pipeline.
/// </summary>
public sealed class BuildComparison(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null)
{
    private readonly BuildScans _builds = new(clientFor, log);

    public BuildComparison(ImageBuilderScanClient client, IScanLog? log = null)
        : this(_ => client, log)
    {
    }

    /// <exception cref="ScanStateException">A scan did not complete, or there is no previous build to compare with.</exception>
    public async Task<IReadOnlyList<FindingChange>> CompareAsync(string? referenceImageBuildVersionArn, string differenceImageBuildVersionArn,
        CancellationToken cancellationToken = default)
    {
        var difference = await _builds.ReadAsync(differenceImageBuildVersionArn, "DifferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
        BuildScans.RequireComplete(difference.State, "difference build");
        var referenceArn = referenceImageBuildVersionArn;
        if (referenceArn is null)
        {
            var previous = await _builds.PreviousBuildAsync(difference.State, cancellationToken).ConfigureAwait(false)
                ?? throw new ScanStateException("NoPreviousBuild", differenceImageBuildVersionArn,
                    $"{differenceImageBuildVersionArn} is the first build of {difference.State.ImagePipelineArn}: there is no previous build to compare with. Name one with -ReferenceImageBuildVersionArn.");
            referenceArn = previous.Arn;
        }

        var reference = await _builds.ReadAsync(referenceArn, "ReferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
        BuildScans.RequireComplete(reference.State, "reference build");
        log?.Verbose($"Comparing {differenceImageBuildVersionArn} ({difference.Findings.Count} finding(s)) with {referenceArn} ({reference.Findings.Count}).");
        // Every row names both builds, also a Fixed row (no difference finding) and an Added one.
        return FindingComparer.Compare(reference.Findings, difference.Findings)
            .Select(c => c with { ReferenceImageBuildVersionArn = referenceArn, DifferenceImageBuildVersionArn = differenceImageBuildVersionArn })
            .ToList();
    }
}
