using ImageBuilderScan.Engine.Builds;
using ImageBuilderScan.Client.Connection;
using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client;
using ImageBuilderScan.Engine.Concurrency;
using ImageBuilderScan.Engine.Waiting;

namespace ImageBuilderScan.Engine.Comparison;

/// <summary>
/// What changed between two builds: both scans read completely and both complete (an incomplete side
/// is an error, never an empty side that turns every finding into Added or Fixed). Without a
/// reference, the reference is the previous build of the difference build's pipeline. A build may be named by an
/// image pipeline or image version ARN (its newest build). Two named sides are read at once; several difference
/// builds at most <paramref name="concurrency"/> at once, in input order. With <paramref name="wait"/>, each side's
/// scan is waited for before its findings are read.
/// </summary>
public sealed class BuildComparison(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null, ScanWait? wait = null, int concurrency = 1)
{
    private readonly BuildScans _builds = new(clientFor, log);

    public BuildComparison(ImageBuilderScanClient client, IScanLog? log = null)
        : this(_ => client, log)
    {
    }

    /// <summary>Each difference build compared, in input order, each failure an outcome of its own.</summary>
    /// <exception cref="ScanInputException">At once, when a name has no build's shape; nothing is sent.</exception>
    public IAsyncEnumerable<ComparisonOutcome> CompareEachAsync(string? referenceImageBuildVersionArn, IReadOnlyList<string> differences,
        CancellationToken cancellationToken = default)
    {
        if (referenceImageBuildVersionArn is not null) BuildScans.CheckName(referenceImageBuildVersionArn, "ReferenceImageBuildVersionArn");
        foreach (var difference in differences) BuildScans.CheckName(difference, "DifferenceImageBuildVersionArn");
        return InOrder.SelectAsync(differences, concurrency, async (difference, ct) =>
        {
            try
            {
                return new ComparisonOutcome(difference, await CompareAsync(referenceImageBuildVersionArn, difference, ct).ConfigureAwait(false), null);
            }
            catch (ImageBuilderScanException e)
            {
                return new ComparisonOutcome(difference, null, e);
            }
        }, cancellationToken);
    }

    /// <exception cref="ScanStateException">A scan did not complete, or there is no previous build to compare with.</exception>
    public async Task<IReadOnlyList<FindingChange>> CompareAsync(string? referenceImageBuildVersionArn, string differenceImageBuildVersionArn,
        CancellationToken cancellationToken = default)
    {
        var differenceArn = (await _builds.SelectAsync(differenceImageBuildVersionArn, "DifferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false))
            .ImageBuildVersionArn;
        var referenceArn = referenceImageBuildVersionArn is null ? null
            : (await _builds.SelectAsync(referenceImageBuildVersionArn, "ReferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false)).ImageBuildVersionArn;
        var reading = _builds.ReadAsync(differenceArn, "DifferenceImageBuildVersionArn", cancellationToken, wait);
        Task<BuildScan>? referenceReading = null;
        if (referenceArn is not null)
        {
            // Both sides named: read together.
            referenceReading = _builds.ReadAsync(referenceArn, "ReferenceImageBuildVersionArn", cancellationToken, wait);
            await BuildScans.Both(reading, referenceReading).ConfigureAwait(false);
        }

        var difference = await reading.ConfigureAwait(false);
        BuildScans.RequireComplete(difference.State, "difference build");
        if (referenceArn is null)
        {
            var previous = await _builds.PreviousBuildAsync(difference.State, cancellationToken).ConfigureAwait(false)
                ?? throw new ScanStateException("NoPreviousBuild", differenceArn,
                    $"{differenceArn} is the first build of {difference.State.ImagePipelineArn}: there is no previous build to compare with. Name one with -ReferenceImageBuildVersionArn.");
            referenceArn = previous.Arn;
            referenceReading = _builds.ReadAsync(referenceArn, "ReferenceImageBuildVersionArn", cancellationToken);
        }

        var reference = await referenceReading!.ConfigureAwait(false);
        BuildScans.RequireComplete(reference.State, "reference build");
        log?.Verbose($"Comparing {differenceArn} ({difference.Findings.Count} finding(s)) with {referenceArn} ({reference.Findings.Count}).");
        // Every row names both builds, also a Fixed row (no difference finding) and an Added one.
        return FindingComparer.Compare(reference.Findings, difference.Findings)
            .Select(c => c with { ReferenceImageBuildVersionArn = referenceArn, DifferenceImageBuildVersionArn = differenceArn })
            .ToList();
    }
}
