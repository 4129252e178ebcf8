using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>
/// The gate's check of the findings against the service's counts, when the service's answer left a count out (the model
/// requires none of severityCounts' members): the count is unknown, never 0, and the findings cannot be checked against
/// it, so the build is not judged, with a reason that names the count.
/// </summary>
public sealed class ServiceAgreementTests
{
    private static readonly List<ScanFinding> OneLow = [TestFindings.Finding("CVE-2025-0001", "LOW")];

    [Fact]
    public void Known_counts_that_agree_are_no_problem()
    {
        Assert.Null(ServiceAgreement.Listed.Problem(OneLow, new ImageCounts(1, 0, 0, 0)));
        Assert.Empty(new ImageCounts(1, 0, 0, 0).Missing);
    }

    [Theory]
    [InlineData(null, 0L, 0L, 0L, "severityCounts.all")]
    [InlineData(1L, null, 0L, 0L, "severityCounts.critical")]
    [InlineData(1L, 0L, null, 0L, "severityCounts.high")]
    [InlineData(1L, 0L, 0L, null, "severityCounts.medium")]
    public void A_count_left_out_is_a_problem_naming_it_whatever_the_findings(long? all, long? critical, long? high, long? medium, string named)
    {
        var service = new ImageCounts(all, critical, high, medium);
        Assert.Equal([named], service.Missing);
        foreach (var agreement in new[] { ServiceAgreement.Listed, ServiceAgreement.HandedIn })
        {
            // The findings agree with every count that was sent; none of them may stand in for the one that was not.
            var problem = agreement.Problem(OneLow, service);
            Assert.NotNull(problem);
            Assert.Contains(named, problem);
            Assert.Contains("unknown, not 0", problem);
            Assert.Contains(agreement.Verb, problem);
        }
    }

    [Fact]
    public void No_counts_at_all_names_all_four()
    {
        var service = new ImageCounts(null, null, null, null);
        Assert.Equal(["severityCounts.all", "severityCounts.critical", "severityCounts.high", "severityCounts.medium"], service.Missing);
        Assert.Contains("severityCounts.all, severityCounts.critical, severityCounts.high, severityCounts.medium", ServiceAgreement.Listed.Unlike([], service));
    }

    [Fact]
    public async Task Findings_handed_in_for_a_build_whose_count_was_left_out_are_not_judged()
    {
        await using var server = new ScriptedServer();
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson()));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json(
            """{"aggregationType":"imageBuildVersionArn","responses":[{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"all":1,"high":0,"medium":0}}}]}"""
                .Replace("ARN", ImageArn, StringComparison.Ordinal)));
        using var client = ImageBuilderScanClient.Create(TestClientOptions.For(server.BaseAddress, "AKIAIBSCANCOUNTS0001", "CountsSecretKey0000000000000000000000001",
            "us-east-1", null, null, maxAttempts: 1, timeout: TimeSpan.FromSeconds(30)));
        var handedIn = new List<ScanFinding> { TestFindings.Finding("CVE-2025-0001", "LOW", arn: ImageArn) };

        var result = Assert.Single(await new ScanGate(client, new GateEvaluator()).EvaluateFindingsAsync(handedIn, [], new GatePolicy(), null).ToListAsync());

        Assert.False(GateExit.IsJudged(result));
        Assert.Equal(GateExitCode.NotJudged, GateExit.For([result], errors: 0));
        Assert.Contains("without severityCounts.critical", result.ScanProblem);
    }
}
