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
/// builds at most <paramref name="concurrency"/> at once, in input order, each started as it is named. With <paramref name="wait"/>, each side's
/// scan is waited for before its findings are read.
/// </summary>
public sealed class BuildComparison(Func<string, ImageBuilderScanClient> clientFor, IScanLog? log = null, ScanWait? wait = null, int concurrency = 1)
{
    private readonly BuildScans _builds = new(clientFor, log);

    public BuildComparison(ImageBuilderScanClient client, IScanLog? log = null)
        : this(_ => client, log)
    {
    }

    /// <summary>
    /// Difference builds compared as they are named (piped one by one): each starts when it is added and the window has
    /// room, outcomes are taken in input order (see <see cref="OrderedWindow{TIn, TOut}"/>). Check each name with
    /// <see cref="BuildScans.CheckName"/> before adding it.
    /// </summary>
    /// <exception cref="ScanInputException">At once, when the reference has no build's shape; nothing is sent.</exception>
    public OrderedWindow<string, ComparisonOutcome> CompareAsNamed(string? referenceImageBuildVersionArn, Func<ComparisonOutcome, bool>? gives,
        CancellationToken cancellationToken)
    {
        if (referenceImageBuildVersionArn is not null) BuildScans.CheckName(referenceImageBuildVersionArn, "ReferenceImageBuildVersionArn");
        return new OrderedWindow<string, ComparisonOutcome>(concurrency, (difference, ct) => OutcomeAsync(referenceImageBuildVersionArn, difference, ct),
            gives, cancellationToken);
    }

    private async Task<ComparisonOutcome> OutcomeAsync(string? referenceImageBuildVersionArn, string difference, CancellationToken cancellationToken)
    {
        try
        {
            return new ComparisonOutcome(difference, await CompareAsync(referenceImageBuildVersionArn, difference, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ImageBuilderScanException e)
        {
            return new ComparisonOutcome(difference, null, e);
        }
    }

    /// <exception cref="ScanStateException">A scan did not complete, or there is no previous build to compare with.</exception>
    public async Task<IReadOnlyList<FindingChange>> CompareAsync(string? referenceImageBuildVersionArn, string differenceImageBuildVersionArn,
        CancellationToken cancellationToken = default)
    {
        var differenceBuild = await _builds.SelectAsync(differenceImageBuildVersionArn, "DifferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
        var differenceArn = differenceBuild.ImageBuildVersionArn;
        var referenceBuild = referenceImageBuildVersionArn is null ? null
            : await _builds.SelectAsync(referenceImageBuildVersionArn, "ReferenceImageBuildVersionArn", cancellationToken).ConfigureAwait(false);
        var referenceArn = referenceBuild?.ImageBuildVersionArn;
        var reading = _builds.ReadCountedAsync(differenceArn, "DifferenceImageBuildVersionArn", "difference build", cancellationToken, wait);
        Task<BuildScan>? referenceReading = null;
        if (referenceArn is not null)
        {
            // Both sides named: read together.
            referenceReading = _builds.ReadCountedAsync(referenceArn, "ReferenceImageBuildVersionArn", "reference build", cancellationToken, wait);
            await BuildScans.Both(reading, referenceReading).ConfigureAwait(false);
        }

        var difference = await reading.ConfigureAwait(false);
        BuildScans.HoldToSelection(differenceBuild, difference.State);
        BuildScans.RequireComplete(difference.State, "difference build");
        if (referenceArn is null)
        {
            var previous = await _builds.PreviousBuildAsync(difference.State, cancellationToken).ConfigureAwait(false)
                ?? throw new ScanStateException("NoPreviousBuild", differenceArn,
                    $"{differenceArn} is the first build of {difference.State.ImagePipelineArn}: there is no previous build to compare with. Name one with -ReferenceImageBuildVersionArn.");
            referenceArn = previous.Arn;
            referenceReading = _builds.ReadCountedAsync(referenceArn, "ReferenceImageBuildVersionArn", "reference build", cancellationToken);
            // The listing's word on it (its date, that it is older and of the same pipeline) is held to its own GetImage answer.
            BuildScans.HoldToOlder(difference.State, previous, (await referenceReading.ConfigureAwait(false)).State);
        }

        var reference = await referenceReading!.ConfigureAwait(false);
        if (referenceBuild is not null) BuildScans.HoldToSelection(referenceBuild, reference.State);
        BuildScans.RequireComplete(reference.State, "reference build");
        log?.Verbose($"Comparing {differenceArn} ({difference.Findings.Count} finding(s)) with {referenceArn} ({reference.Findings.Count}).");
        // Every row names both builds, also a Fixed row (no difference finding) and an Added one.
        return FindingComparer.Compare(reference.Findings, difference.Findings)
            .Select(c => c with { ReferenceImageBuildVersionArn = referenceArn, DifferenceImageBuildVersionArn = differenceArn })
            .ToList();
    }
}
