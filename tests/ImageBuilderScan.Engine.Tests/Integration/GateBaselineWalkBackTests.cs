using System.Text.Json.Nodes;
using static ImageBuilderScan.Engine.Tests.Integration.InlineData;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// -NewOnly walks back past older builds whose scan did not complete to the newest one that did, says
/// which, and fails with advice naming -BaselineImageBuildVersionArn when there is none; a named
/// baseline that is the build, newer, or of another pipeline is refused unless -Force.
/// </summary>
public sealed class GateBaselineWalkBackTests : IAsyncLifetime
{
    private static readonly string Pipeline = PipelineArn("web"), OtherPipeline = PipelineArn("api");
    private static string Build(string name, string version) => VersionArn(name, version) + "/1";
    private static readonly string First = Build("web", "1.0.0"), Disabled = Build("web", "1.1.0"), Latest = Build("web", "1.2.0");
    private static readonly string ApiOff = Build("api", "1.0.0"), ApiLatest = Build("api", "1.1.0");

    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        var images = new JsonArray(
            Image(First, Pipeline, 1_750_000_000),
            Image(Disabled, Pipeline, 1_751_000_000, scanning: false),
            Image(Latest, Pipeline, 1_752_000_000),
            Image(ApiOff, OtherPipeline, 1_750_000_000, scanning: false),
            Image(ApiLatest, OtherPipeline, 1_752_000_000));
        var findings = new JsonArray(Finding(First, Pipeline, "CVE-2024-1000"), Finding(Latest, Pipeline, "CVE-2024-1000"), Finding(Latest, Pipeline, "CVE-2024-2000"),
            Finding(ApiLatest, OtherPipeline, "CVE-2024-3000"));
        _server = await InlineData.StartAsync(images, findings);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(GateResult Result, List<string> Verbose)> Judge(string image, GateBaseline baseline)
    {
        var verbose = new List<string>();
        var log = new ScanLog((level, message) => { lock (verbose) verbose.Add(message); });
        using var client = Emulated.Client(_server);
        var gate = new ScanGate(client, new GateEvaluator(), log);
        GateResult? result = null;
        await foreach (var r in gate.EvaluateAsync([image], new GatePolicy(), baseline)) result = r;
        return (result!, verbose);
    }

    [Fact]
    public async Task New_only_walks_back_past_a_build_whose_scan_was_disabled_and_says_which()
    {
        var (result, verbose) = await Judge(Latest, GateBaseline.PreviousBuild);
        Assert.Equal(First, result.BaselineImageBuildVersionArn);
        Assert.True(GateExit.IsJudged(result));
        Assert.Equal("CVE-2024-1000", Assert.Single(result.Inherited).Finding.VulnerabilityId);
        Assert.Equal("CVE-2024-2000", Assert.Single(result.Violations).Finding.VulnerabilityId);
        Assert.Contains(verbose, line => line.Contains($"Passed over {Disabled}", StringComparison.Ordinal));
        Assert.Contains(verbose, line => line.Contains($"The baseline of {Latest} is {First}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task New_only_with_no_older_completed_scan_is_not_judged_and_names_the_parameter()
    {
        var (result, _) = await Judge(ApiLatest, GateBaseline.PreviousBuild);
        Assert.False(GateExit.IsJudged(result));
        Assert.Contains("BaselineNotFound", result.ScanProblem);
        Assert.Contains("-BaselineImageBuildVersionArn", result.ScanProblem);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([result], 0));
    }

    [Theory]
    [InlineData("itself")]
    [InlineData("newer")]
    [InlineData("other pipeline")]
    public async Task A_named_baseline_that_breaks_a_rule_is_refused_unless_forced(string which)
    {
        var (image, baseline) = which switch
        {
            "itself" => (Latest, Latest),
            "newer" => (First, Latest),
            _ => (Latest, ApiLatest),
        };
        var (refused, _) = await Judge(image, new GateBaseline(baseline));
        Assert.False(GateExit.IsJudged(refused));
        Assert.Contains(BaselineAcceptance.RefusedId, refused.ScanProblem);
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([refused], 0));

        var (forced, _) = await Judge(image, new GateBaseline(baseline, Force: true));
        Assert.True(GateExit.IsJudged(forced));
        Assert.Equal(baseline, forced.BaselineImageBuildVersionArn);
    }
}
