using ImageBuilderScan.Client.Errors;
using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client;

namespace ImageBuilderScan.Engine.Builds;

/// <summary>Which build a name stands for: a build ARN itself, or a pipeline's or an image version's newest build.</summary>
public sealed partial class BuildScans
{
    /// <summary>
    /// The build a name stands for: a build ARN itself; for an image pipeline ARN, the pipeline's newest build; for an
    /// image version ARN (no build number, as AWS Tools' Get-EC2IBImageList gives), that version's newest build. Both
    /// by creation date (ties: the later build number, then the greater ARN), said in a verbose line. The listing's dates are
    /// its word only: the chosen build's own GetImage answer is held to its date (<see cref="HoldToListing"/>).
    /// </summary>
    /// <exception cref="ScanInputException">The name is none of those shapes (see <see cref="CheckName"/>).</exception>
    /// <exception cref="ScanStateException">NoBuild: the pipeline or version has no build; NoCreationDate: a listed build has
    /// no creation date, so which is the newest cannot be told.</exception>
    public async Task<SelectedBuild> SelectAsync(string name, string parameterName, CancellationToken cancellationToken)
    {
        switch (CheckName(name, parameterName))
        {
            case FilterNames.ImagePipelineArn:
            {
                return Newest(name, "pipeline", await PipelineBuildsAsync(name, parameterName, cancellationToken).ConfigureAwait(false));
            }
            case FilterNames.ImageVersionArn:
            {
                var query = new ImageBuildVersionsQuery { Values = [name], PageSize = QueryValidator.MaxPageSize, ValuesParameterName = parameterName };
                return Newest(name, "image version", await Collect(_clientFor(name).GetImageBuildVersionsAsync(query, cancellationToken)).ConfigureAwait(false));
            }
            default:
                return new SelectedBuild(name, null);
        }
    }

    /// <summary>Refuses, before anything is sent, a name that is no build, image version or pipeline ARN.</summary>
    /// <returns>The name's kind: <see cref="FilterNames.ImageBuildVersionArn"/>, <see cref="FilterNames.ImageVersionArn"/> or <see cref="FilterNames.ImagePipelineArn"/>.</returns>
    /// <exception cref="ScanInputException">The name has none of those shapes.</exception>
    public static string CheckName(string name, string parameterName) => KeyShapes.FilterNameOf(name) switch
    {
        FilterNames.ImageBuildVersionArn => FilterNames.ImageBuildVersionArn,
        FilterNames.ImagePipelineArn => FilterNames.ImagePipelineArn,
        FilterNames.ImageVersionArn => FilterNames.ImageVersionArn,
        _ => throw new ScanInputException(parameterName, name, KeyShapes.BuildExpectedForm,
            $"'{Client.Text.InputDisplay.Show(name)}' is no image build version, image version or image pipeline ARN."),
    };

    /// <summary>
    /// Refuses, before anything is sent, named builds or pipelines whose ARN is of another region than the one given
    /// (-Region) to the client that would ask it (see <see cref="ImageBuilderScanClient.RefuseOtherRegions"/>); names that
    /// are no ARN are left to the steps that read them.
    /// </summary>
    /// <exception cref="ScanRegionException">An ARN of another region than the one given.</exception>
    public void RefuseOtherRegions(IEnumerable<string?> names, string parameterName)
    {
        foreach (var name in names)
        {
            if (name is not null && ImageBuilderArn.RegionOf(name) is { Length: > 0 }) _clientFor(name).RefuseOtherRegions([name], parameterName);
        }
    }

    /// <summary>Refuses, before anything is sent, each value of a -ImagePipelineArn that is no image pipeline ARN (a build or
    /// version ARN there is refused too: the parameter promises a pipeline's newest build).</summary>
    /// <exception cref="ScanInputException">A value that is no image pipeline ARN, naming <paramref name="parameterName"/>.</exception>
    public static IReadOnlyList<string> RequirePipelines(IReadOnlyList<string> values, string parameterName)
    {
        foreach (var value in values)
        {
            if (KeyShapes.FilterNameOf(value) != FilterNames.ImagePipelineArn)
                throw new ScanInputException(parameterName, value, "an image pipeline ARN (arn:aws:imagebuilder:<region>:<account>:image-pipeline/<name>)",
                    $"'{Client.Text.InputDisplay.Show(value)}' is not an image pipeline ARN.");
        }

        return values;
    }

    private SelectedBuild Newest(string name, string what, IReadOnlyList<ImageSummary> builds)
    {
        ImageSummary? newest = null;
        foreach (var build in builds)
        {
            // The listing is checked as GetImage's answer is: a build that is not the version's or the pipeline's
            // (another image, region or account) would have the gate judge something else than what was named.
            if (!BelongsTo(build.Arn, name))
                throw new ScanProtocolException("UnexpectedBuild",
                    $"Asked for the builds of the {what} {name}, the service listed {Client.Text.InputDisplay.Arn(build.Arn)}, which is not one of them: the listing is not used.");
            // An undated build is never taken for an older one: the newest one, listed without a date, would be passed over
            // for an older (clean) build.
            RequireDate(build, $"the {what} {name}");
            if (newest is null || Newer(build, newest)) newest = build;
        }

        if (newest is null)
            throw new ScanStateException("NoBuild", name, $"The {what} {name} has no build to judge.");
        _log?.Verbose($"The newest build of the {what} {name} is {newest.Arn} (created {newest.DateCreated!.Value.ToString("u", CultureInfo.InvariantCulture)}).");
        return new SelectedBuild(newest.Arn, name, newest.DateCreated);
    }

    /// <summary>Whether a listed build is one of the named version's (its ARN under the version's) or the named pipeline's
    /// (a build ARN in the pipeline's region and account; a build names no pipeline, so that is what can be checked; its
    /// GetImage answer is checked by the gate), and can be asked about.</summary>
    private static bool BelongsTo(string? build, string name)
    {
        // A build ARN longer than a filter value may be (the shape bounds no name) could not be asked about: the user's
        // parameter would be refused for it (a ScanInputException, exit 1 under Stop) instead of the listing.
        if (build is null || build.Length > QueryValidator.MaxValueLength || KeyShapes.FilterNameOf(build) != FilterNames.ImageBuildVersionArn) return false;
        if (KeyShapes.FilterNameOf(name) == FilterNames.ImageVersionArn) return build.StartsWith(name + "/", StringComparison.Ordinal);
        return ImageBuilderArn.TryParse(build) is { } b && ImageBuilderArn.TryParse(name) is { } p
            && b.Region == p.Region && b.AccountId == p.AccountId && b.Partition == p.Partition;
    }

    /// <summary>
    /// Refuses a listed build with no creation date where builds are ordered by it (the newest build; the builds before
    /// one): taken as the oldest, or passed over, it would have another build judged or compared with in its place.
    /// </summary>
    /// <exception cref="ScanStateException">NoCreationDate, naming the build and <paramref name="listing"/>.</exception>
    private static void RequireDate(ImageSummary build, string listing)
    {
        if (build.DateCreated is null)
            throw new ScanStateException("NoCreationDate", build.Arn,
                $"The listing of {listing} names {Client.Text.InputDisplay.Arn(build.Arn)} without a creation date, so the builds cannot be put in order: " +
                "none is chosen by it. Name the build to use by its build ARN.");
    }

    /// <summary>
    /// Holds a build chosen by a listing's date (the newest build, a previous build) to its own GetImage answer: a listing
    /// that dates an older (clean) build later than the newest would otherwise have it judged, or taken as the baseline, in
    /// the newest one's place.
    /// </summary>
    /// <param name="listedAs">What the listing chose it as ("the newest build of the pipeline ...").</param>
    /// <param name="listed">The listing's date; null when no listing chose the build (it was named), and nothing is checked.</param>
    /// <exception cref="ScanProtocolException">UnexpectedBuild: the dates differ, or GetImage gives none.</exception>
    public static void HoldToListing(string listedAs, DateTime? listed, ImageScanState state)
    {
        // Alike to the second: the listing and GetImage may give one timestamp at other precisions (seconds, milliseconds),
        // and a date moved to put an older build first differs by far more (builds are minutes apart).
        if (listed is not { } date || (state.DateCreated is { } given && (given - date).Duration() < TimeSpan.FromSeconds(1))) return;
        throw new ScanProtocolException("UnexpectedBuild",
            $"{state.ImageBuildVersionArn} was chosen as {listedAs} by its listed creation date {date.ToString("u", CultureInfo.InvariantCulture)}, but its own " +
            $"GetImage answer {(state.DateCreated is { } own ? $"says {own.ToString("u", CultureInfo.InvariantCulture)}" : "gives no creation date")}: the listing's order is not used.");
    }

    /// <summary>
    /// Holds a build chosen by a name (<see cref="SelectAsync"/>) to its own GetImage answer: a build chosen by a listing's date
    /// must have that date (<see cref="HoldToListing"/>), and one chosen as a pipeline's newest must be that pipeline's
    /// (<see cref="HoldToPipeline"/>). A build named by its ARN is what was named, and nothing is checked.
    /// </summary>
    /// <exception cref="ScanProtocolException">UnexpectedBuild.</exception>
    public static void HoldToSelection(SelectedBuild selected, ImageScanState state)
    {
        if (selected.SelectedFrom is not { } from) return;
        HoldToListing($"the newest build of {from}", selected.ListedCreated, state);
        if (KeyShapes.FilterNameOf(from) == FilterNames.ImagePipelineArn) HoldToPipeline($"the newest build of {from}", from, state);
    }

    // By creation date (every build has one: RequireDate); ties by the later build number (as a number: build 10 is after
    // build 9), then by the ARN.
    private static bool Newer(ImageSummary build, ImageSummary than)
    {
        var (a, b) = (build.DateCreated!.Value, than.DateCreated!.Value);
        if (a != b) return a > b;
        var (x, y) = (BuildNumber(build.Arn), BuildNumber(than.Arn));
        return x != y ? x > y : string.CompareOrdinal(build.Arn, than.Arn) > 0;
    }

    private static long BuildNumber(string? arn) =>
        long.TryParse(arn?[(arn.LastIndexOf('/') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static async Task<IReadOnlyList<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false)) list.Add(item);
        return list;
    }
}
