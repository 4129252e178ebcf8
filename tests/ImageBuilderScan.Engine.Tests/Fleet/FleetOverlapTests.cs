using ImageBuilderScan.Engine.Tests.Integration;
using ImageBuilderScan.Engine.Tests.Sdk;

namespace ImageBuilderScan.Engine.Tests.Fleet;

/// <summary>
/// Aggregations and findings that two targets of a fan-out return (issue 22): the same once, said; different, both,
/// warned. Against the emulator, a delegated administrator's role and a member's role both return the member's
/// account and its findings.
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class FleetOverlapTests
{
    private static readonly ScanClientOptions NoOptions = new();
    private static readonly FleetTarget Admin = new("us-east-1", "999999999999", "arn:aws:iam::999999999999:role/Audit", NoOptions with { RoleArn = "arn:aws:iam::999999999999:role/Audit" });
    private static readonly FleetTarget Member = new("us-east-1", "444455556666", "arn:aws:iam::444455556666:role/Audit", NoOptions with { RoleArn = "arn:aws:iam::444455556666:role/Audit" });

    private static ScanFindingAggregation Account(string account, long all, string region = "us-east-1", string requestId = "r1") => new()
    {
        KindValue = AggregationKind.Account, AggregationType = "accountId", Key = account, AccountId = account, All = all, Critical = 0, High = 1, Medium = 0,
        RequestId = requestId, ListedRegion = region,
    };

    [Fact]
    public void The_same_aggregation_from_a_second_target_is_written_once_and_said_naming_both()
    {
        var overlap = new AggregationOverlap();
        Assert.Equal(OverlapVerdict.First, overlap.Check(Admin, Account("444455556666", 14), out var none));
        Assert.Null(none);
        // Another page (another request id) with the same counts is the same aggregation.
        Assert.Equal(OverlapVerdict.Same, overlap.Check(Member, Account("444455556666", 14, requestId: "r2"), out var said));
        Assert.Contains(Admin.Label, said, StringComparison.Ordinal);
        Assert.Contains(Member.Label, said, StringComparison.Ordinal);
        Assert.Contains("written once", said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_aggregation_from_a_second_target_is_written_and_warned_naming_both_with_their_counts()
    {
        var overlap = new AggregationOverlap();
        overlap.Check(Admin, Account("444455556666", 14), out _);
        Assert.Equal(OverlapVerdict.Differs, overlap.Check(Member, Account("444455556666", 15), out var warned));
        Assert.Contains($"{Admin.Label} (Critical 0, High 1, Medium 0, All 14)", warned, StringComparison.Ordinal);
        Assert.Contains($"{Member.Label} (Critical 0, High 1, Medium 0, All 15)", warned, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_one_target_did_not_send_is_said_unknown_never_0()
    {
        var overlap = new AggregationOverlap();
        overlap.Check(Admin, Account("444455556666", 14), out _);
        Assert.Equal(OverlapVerdict.Differs, overlap.Check(Member, Account("444455556666", 14) with { Critical = null }, out var warned));
        Assert.Contains($"{Member.Label} (Critical unknown, High 1, Medium 0, All 14)", warned, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregations_without_an_account_are_never_taken_for_one_another()
    {
        // Two accounts' rows for one CVE whose account could not be told look alike: dropping one would make a sum low.
        var overlap = new AggregationOverlap();
        ScanFindingAggregation Cve() => new()
        {
            KindValue = AggregationKind.VulnerabilityId, AggregationType = "vulnerabilityId", Key = "CVE-2025-0001", All = 3, High = 1,
            RequestId = "r1", ListedRegion = "us-east-1",
        };
        Assert.Equal(OverlapVerdict.First, overlap.Check(Admin, Cve(), out _));
        Assert.Equal(OverlapVerdict.First, overlap.Check(Member, Cve(), out var said));
        Assert.Null(said);
    }

    [Fact]
    public void Other_regions_other_accounts_and_a_targets_own_repeats_are_not_overlaps()
    {
        var overlap = new AggregationOverlap();
        overlap.Check(Admin, Account("444455556666", 14), out _);
        Assert.Equal(OverlapVerdict.First, overlap.Check(Member, Account("444455556666", 14, region: "eu-west-1"), out _));
        Assert.Equal(OverlapVerdict.First, overlap.Check(Member, Account("111122223333", 14), out _));
        Assert.Equal(OverlapVerdict.First, overlap.Check(Admin, Account("444455556666", 14), out var none));
        Assert.Null(none);
    }

    private static ScanFinding Finding(string account, string severity = "HIGH", double score = 7.5, string region = "us-east-1") =>
        ScanFindingShape.FromMembers(new Dictionary<string, object?>
        {
            ["ImageBuildVersionArn"] = $"arn:aws:imagebuilder:{region}:{account}:image/web/1.0.0/1", ["AccountId"] = account,
            ["VulnerabilityId"] = "CVE-2025-0001", ["Severity"] = severity, ["InspectorScore"] = score, ["Type"] = "PACKAGE_VULNERABILITY",
            ["VulnerablePackages"] = new List<object?> { new Dictionary<string, object?> { ["Name"] = "openssl", ["Version"] = "3.0.8" } },
        });

    [Fact]
    public void The_same_finding_from_a_second_target_is_written_once_and_one_that_says_otherwise_is_warned()
    {
        var overlap = new FindingOverlap();
        Assert.Equal(OverlapVerdict.First, overlap.Check(Admin, Finding("444455556666"), out _));
        Assert.Equal(OverlapVerdict.Same, overlap.Check(Member, Finding("444455556666"), out var said));
        Assert.Contains("CVE-2025-0001", said, StringComparison.Ordinal);
        Assert.Contains("written once", said, StringComparison.Ordinal);

        Assert.Equal(OverlapVerdict.Differs, overlap.Check(Member, Finding("444455556666", "CRITICAL", 9.8), out var warned));
        Assert.Contains($"{Admin.Label} (severity HIGH, score 7.5", warned, StringComparison.Ordinal);
        Assert.Contains($"{Member.Label} (severity CRITICAL, score 9.8", warned, StringComparison.Ordinal);
        // The same finding in another region or account is another finding.
        Assert.Equal(OverlapVerdict.First, overlap.Check(Member, Finding("444455556666", region: "eu-west-1"), out _));
        Assert.Equal(OverlapVerdict.First, overlap.Check(Member, Finding("111122223333"), out _));
    }

    [Theory]
    [InlineData("aggregations")]
    [InlineData("findings")]
    public async Task An_administrators_role_and_a_members_role_return_the_members_items_once(string kind)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            Seed = 5, Accounts = 3, PipelinesPerAccount = 2, ImagesPerPipeline = 2, FindingsPerImage = 3, Regions = ["us-east-1"],
            RegionScope = RegionScope.On, AdminAccountId = "999999999999",
        });
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", server.BaseAddress.ToString());
        var member = server.Data.Findings.Select(f => f.AccountId).First(a => a != "999999999999");
        var accounts = server.Data.Findings.Select(f => f.AccountId).Distinct().Count();
        var targets = FleetPlan.Targets(Emulated.Options(server) with { Region = null }, ["us-east-1"],
            ["arn:aws:iam::999999999999:role/Audit", $"arn:aws:iam::{member}:role/Audit"], []);

        var returned = new List<(FleetTarget Target, object Item)>();
        void Take<T>(FleetEvent<T> e)
        {
            if (e.Kind == FleetEventKind.Failed) Assert.Fail(e.Error!.ToString());
            foreach (var item in e.Page?.Items ?? []) returned.Add((e.Target, item!));
        }
        var runner = new FleetRunner(1);
        if (kind == "aggregations")
            await foreach (var e in runner.RunAsync(targets, (client, ct) => client.GetAggregationsAsync(new AggregationQuery(), ct).Pages)) Take(e);
        else
            await foreach (var e in runner.RunAsync(targets, (client, ct) => client.GetFindingsAsync(new FindingQuery(), ct).Pages)) Take(e);

        IFleetOverlap overlap = kind == "aggregations" ? new AggregationOverlap() : new FindingOverlap();
        var written = new List<string?>();
        var said = new List<string>();
        foreach (var (target, item) in returned)
        {
            var verdict = overlap.Check(target, item, out var message);
            Assert.NotEqual(OverlapVerdict.Differs, verdict);
            if (verdict == OverlapVerdict.Same) said.Add(message!);
            else written.Add(item is ScanFinding f ? f.AccountId : ((ScanFindingAggregation)item).AccountId);
        }

        // The administrator sees every account; the member's role its own: each of the member's is written once, and said.
        var members = kind == "aggregations" ? 1 : server.Data.Findings.Count(f => f.AccountId == member);
        Assert.Equal(kind == "aggregations" ? accounts : server.Data.Findings.Count, written.Count);
        Assert.Equal(members, written.Count(a => a == member));
        Assert.Equal(members, said.Count);
        Assert.All(said, line => Assert.True(line.Contains(targets[0].Label, StringComparison.Ordinal) && line.Contains(targets[1].Label, StringComparison.Ordinal)
            && line.EndsWith("written once.", StringComparison.Ordinal), line));
    }
}
