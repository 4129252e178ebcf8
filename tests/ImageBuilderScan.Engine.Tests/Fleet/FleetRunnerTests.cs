using ImageBuilderScan.Engine.Tests.Integration;
using ImageBuilderScan.Engine.Tests.Sdk;

namespace ImageBuilderScan.Engine.Tests.Fleet;

/// <summary>
/// One listing over regions x accounts against a region-aware emulator: each target's items exactly
/// as the emulator holds them for that region and account, while others fail, throttle or are stopped.
/// Roles need the emulator's STS (AWS_ENDPOINT_URL_STS), so the class runs in the environment collection.
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class FleetRunnerTests
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];
    private static EmulatorOptions Data() => new()
    {
        Seed = 11, Accounts = 3, PipelinesPerAccount = 3, ImagesPerPipeline = 2, FindingsPerImage = 4, Regions = Regions,
        RegionScope = RegionScope.On, FindingsPageSize = 3, AdminAccountId = "111122223333",
    };

    private static ScanClientOptions Caller(EmulatorServer server, int maxAttempts = 3) => Emulated.Options(server, maxAttempts) with { Region = null };

    private static Func<ImageBuilderScanClient, CancellationToken, IAsyncEnumerable<ScanPage<ScanFinding>>> AllFindings =>
        (client, ct) => client.GetFindingsAsync(new FindingQuery { PageSize = 3 }, ct).Pages;

    private static async Task<List<FleetEvent<ScanFinding>>> Run(IReadOnlyList<FleetTarget> targets, int throttle = 8, CancellationToken ct = default)
    {
        var events = new List<FleetEvent<ScanFinding>>();
        await foreach (var e in new FleetRunner(throttle).RunAsync(targets, AllFindings, ct)) events.Add(e);
        return events;
    }

    private static Dictionary<string, List<string>> ItemsByTarget(IEnumerable<FleetEvent<ScanFinding>> events) => events
        .Where(e => e.Kind == FleetEventKind.Page)
        .GroupBy(e => e.Target.Label)
        .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Page!.Items).Select(Key).ToList());

    private static string Key(ScanFinding f) => $"{f.ImageBuildVersionArn}|{f.VulnerabilityId}";

    private static List<string> Expected(EmulatorServer server, string region, string? account = null) =>
        server.Visible(region, account).Findings.Select(f => $"{f.ImageBuildVersionArn}|{f.VulnerabilityId}").ToList();

    [Fact]
    public async Task Account_aggregations_carry_the_region_they_were_listed_in()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        foreach (var region in Regions)
        {
            using var client = ImageBuilderScanClient.Create(Caller(server) with { Region = region });
            var items = new List<ScanFindingAggregation>();
            await foreach (var a in client.GetAggregationsAsync(new AggregationQuery())) items.Add(a);
            Assert.NotEmpty(items);
            Assert.All(items, a =>
            {
                Assert.Equal(AggregationKind.Account, a.KindValue);
                Assert.Equal(region, a.Region);
                Assert.Equal(a.Key, a.AccountId);
            });
        }
    }

    [Fact]
    public async Task Every_region_gets_exactly_its_own_findings_in_page_order()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        var targets = FleetPlan.Targets(Caller(server), Regions, [], []);
        var events = await Run(targets);
        var got = ItemsByTarget(events);
        Assert.Equal(3, targets.Count);
        foreach (var region in Regions)
        {
            Assert.NotEmpty(Expected(server, region));
            Assert.Equal(Expected(server, region), got[region]);
        }

        Assert.Equal(Regions.Order(), events.Where(e => e.Kind == FleetEventKind.Completed).Select(e => e.Target.Region).Order());
        Assert.All(events.Where(e => e.Kind == FleetEventKind.Completed), e => Assert.Equal(Expected(server, e.Target.Region).Count, e.Summary!.Items));
    }

    [Fact]
    public async Task Roles_in_member_accounts_times_regions_see_only_their_account_and_region()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", server.BaseAddress.ToString());
        var members = server.Data.Findings.Select(f => f.AccountId).Distinct().Where(a => a != server.Options.AdminAccountId).Take(2).ToList();
        Assert.Equal(2, members.Count);
        var roles = members.Select(a => $"arn:aws:iam::{a}:role/Audit").ToArray();
        var targets = FleetPlan.Targets(Caller(server), Regions[..2], roles, []);
        var got = ItemsByTarget(await Run(targets, throttle: 2));
        Assert.Equal(4, targets.Count);
        foreach (var target in targets)
        {
            Assert.Equal(target.Account![13..25], target.AccountId);
            Assert.Equal(Expected(server, target.Region, target.AccountId), got.GetValueOrDefault(target.Label) ?? []);
        }

        Assert.Contains(got.Values, items => items.Count > 0);
        Assert.Equal(2, server.Sessions.Issued.Select(s => s.RoleArn).Distinct().Count());
    }

    [Fact]
    public async Task Profiles_learn_their_account_from_STS_and_stamp_it_on_their_vulnerability_aggregations()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", server.BaseAddress.ToString());
        var admin = server.Options.AdminAccountId;
        var member = server.Data.Findings.Select(f => f.AccountId).First(a => a != admin);
        var file = env.WriteFile("credentials",
            $"[admin]\naws_access_key_id = {server.Options.AccessKeyId}\naws_secret_access_key = {server.Options.SecretAccessKey}\n\n" +
            $"[member]\nrole_arn = arn:aws:iam::{member}:role/Audit\nsource_profile = admin\n");
        var options = new ScanClientOptions { EndpointUrl = server.BaseAddress.ToString(), ProfileLocation = file };
        var targets = FleetPlan.Targets(options, Regions[..2], [], ["admin", "member"]);
        Assert.All(targets, t => Assert.Null(t.AccountId));
        // A vulnerability the member account has in the first region: both profiles see it there.
        var cve = server.Visible(Regions[0], member).Findings.First().VulnerabilityId;

        var events = new List<FleetEvent<ScanFindingAggregation>>();
        await foreach (var e in new FleetRunner(4).RunAsync(targets, (c, ct) =>
                           c.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.VulnerabilityId, Values = [cve] }, ct).Pages))
            events.Add(e);

        Assert.DoesNotContain(events, e => e.Kind == FleetEventKind.Failed);
        foreach (var (profile, account) in new[] { ("admin", admin), ("member", member) })
        {
            var items = events.Where(e => e.Kind == FleetEventKind.Page && e.Target.Account == profile).SelectMany(e => e.Page!.Items).ToList();
            Assert.Contains(items, a => a.Region == Regions[0]);
            Assert.All(items, a => Assert.Equal((AggregationKind.VulnerabilityId, account), (a.KindValue, a.AccountId)));
        }

        // One question per profile (its targets in every region share the answer), each signed with its own credentials.
        Assert.Equal(2, GetCallerIdentityCalls(server));

        // Nothing is asked for a listing with nothing to stamp (findings carry their account; account aggregations
        // are keyed by theirs) nor for a query refused before sending.
        var before = GetCallerIdentityCalls(server);
        var plain = FleetPlan.Targets(options, Regions[..2], [], ["admin", "member"]);
        await foreach (var _ in new FleetRunner(4).RunAsync(plain, (c, ct) => c.GetAggregationsAsync(new AggregationQuery(), ct).Pages)) { }
        await foreach (var _ in new FleetRunner(4).RunAsync(plain, AllFindings)) { }
        var refused = new List<FleetEvent<ScanFindingAggregation>>();
        await foreach (var e in new FleetRunner(4).RunAsync(FleetPlan.Targets(options, [Regions[0]], [], ["admin", "member"]), (c, ct) =>
                           c.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn,
                               Values = ["arn:aws:imagebuilder:eu-west-1:111122223333:image/web/1.0.0/1"] }, ct).Pages))
            refused.Add(e);
        Assert.Equal(2, refused.Count(e => e.Kind == FleetEventKind.Failed && e.Error is ScanRegionException));
        Assert.Equal(before, GetCallerIdentityCalls(server));
    }

    private static int GetCallerIdentityCalls(EmulatorServer server) =>
        server.Requests.Recent.Count(r => r.Body.Contains("Action=GetCallerIdentity", StringComparison.Ordinal));

    [Fact]
    public async Task A_profile_whose_account_STS_cannot_tell_still_lists_exactly_with_a_warning_and_no_account()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: STS is unreachable
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", $"http://127.0.0.1:{port}/");
        var keys = $"aws_access_key_id = {server.Options.AccessKeyId}\naws_secret_access_key = {server.Options.SecretAccessKey}\n";
        var file = env.WriteFile("credentials", $"[one]\n{keys}\n[two]\n{keys}");
        var log = new RecordingLog();
        var targets = FleetPlan.Targets(new ScanClientOptions { EndpointUrl = server.BaseAddress.ToString(), ProfileLocation = file }, [Regions[0]], [], ["one", "two"]);
        var cve = server.Visible(Regions[0], null).Findings.First().VulnerabilityId;

        var events = new List<FleetEvent<ScanFindingAggregation>>();
        await foreach (var e in new FleetRunner(2, log).RunAsync(targets, (c, ct) =>
                           c.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.VulnerabilityId, Values = [cve] }, ct).Pages))
            events.Add(e);

        Assert.DoesNotContain(events, e => e.Kind == FleetEventKind.Failed);
        Assert.Equal(2, events.Count(e => e.Kind == FleetEventKind.Completed));
        var items = events.Where(e => e.Kind == FleetEventKind.Page).SelectMany(e => e.Page!.Items).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, a => Assert.Null(a.AccountId));
        foreach (var profile in new[] { "one", "two" })
            Assert.Single(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal) && l.Contains($"profile '{profile}'", StringComparison.Ordinal)
                && l.Contains("GetCallerIdentity", StringComparison.Ordinal) && l.Contains("no AccountId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_region_and_a_throttled_region_fail_alone_while_the_others_stay_exact()
    {
        var options = Data();
        await using var server = await EmulatorServer.StartAsync(options with { DisabledRegions = ["ap-southeast-2"] });
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, Region = "eu-west-1", MaxCount = 1000 });
        var events = await Run(FleetPlan.Targets(Caller(server, maxAttempts: 2), Regions, [], []));

        var failed = events.Where(e => e.Kind == FleetEventKind.Failed).ToDictionary(e => e.Target.Region);
        Assert.Equal(["ap-southeast-2", "eu-west-1"], failed.Keys.Order());
        Assert.Equal(ScanErrorCategory.LimitsExceeded, Assert.IsAssignableFrom<ImageBuilderScanException>(failed["eu-west-1"].Error).Category);
        Assert.Equal(1, failed["eu-west-1"].Summary!.Retries);
        Assert.IsAssignableFrom<ImageBuilderScanException>(failed["ap-southeast-2"].Error);
        Assert.Equal(Expected(server, "us-east-1"), ItemsByTarget(events)["us-east-1"]);
        Assert.Single(events, e => e.Kind == FleetEventKind.Completed);
    }

    [Fact]
    public async Task A_region_answered_with_another_regions_arns_fails_alone_instead_of_being_merged_into_the_other()
    {
        // Unscoped: every region answers with the same data (all of it in the regions it names), as an endpoint that
        // ignores the region a request is signed for would. eu-west-1's answer then holds us-east-1's ARNs, which the
        // overlap check would take for us-east-1's own and drop, and eu-west-1 would end "completed" having listed nothing of its own.
        await using var server = await EmulatorServer.StartAsync(Data() with { RegionScope = RegionScope.Off, Regions = ["us-east-1"] });
        var events = await Run(FleetPlan.Targets(Caller(server), Regions[..2], [], []));

        var failed = Assert.Single(events, e => e.Kind == FleetEventKind.Failed);
        Assert.Equal("eu-west-1", failed.Target.Region);
        var error = Assert.IsType<ScanProtocolException>(failed.Error);
        Assert.Equal("UnexpectedRegion", error.ErrorId);
        Assert.Contains("eu-west-1", error.Message);
        Assert.Contains("us-east-1", error.Message);
        Assert.DoesNotContain(events, e => e.Kind == FleetEventKind.Page && e.Target.Region == "eu-west-1");
        Assert.Equal(Expected(server, "us-east-1"), ItemsByTarget(events)["us-east-1"]);
    }

    [Fact]
    public async Task A_region_that_is_down_fails_alone_after_its_attempts_while_the_others_stay_exact()
    {
        await using var server = await EmulatorServer.StartAsync(Data());
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Error, ErrorCode = "ServiceUnavailableException", StatusCode = 503, Region = "eu-west-1", MaxCount = 1000 });
        var events = await Run(FleetPlan.Targets(Caller(server, maxAttempts: 2), Regions, [], []));

        var failed = Assert.Single(events, e => e.Kind == FleetEventKind.Failed);
        Assert.Equal("eu-west-1", failed.Target.Region);
        Assert.Equal(ScanErrorCategory.ResourceUnavailable, Assert.IsAssignableFrom<ImageBuilderScanException>(failed.Error).Category);
        Assert.Equal(1, failed.Summary!.Retries);
        var got = ItemsByTarget(events);
        foreach (var region in new[] { "us-east-1", "ap-southeast-2" }) Assert.Equal(Expected(server, region), got[region]);
    }

    [Fact]
    public async Task Stopping_after_the_first_page_cancels_every_target_and_sends_nothing_more()
    {
        var options = Data();
        await using var server = await EmulatorServer.StartAsync(options with { LatencyMs = 200 });
        var targets = FleetPlan.Targets(Caller(server), Regions, [], []);
        var log = new RecordingLog();
        await foreach (var e in new FleetRunner(8, log).RunAsync(targets, AllFindings))
        {
            if (e.Kind == FleetEventKind.Page) break;
        }

        // RunAsync's disposal waited for every target to end, so the log is complete: each request the pager sent
        // and each retry is in it (written before the send), with no wait for a late request to arrive.
        var sends = log.Lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^DEBUG: .* request [0-9]+: "))
            + log.Lines.Count(l => l.Contains("Retrying", StringComparison.Ordinal));
        // Each target asks for its next page only once its last was taken: one request each at most.
        Assert.True(sends <= targets.Count, $"{sends} requests for a stop after the first page of {targets.Count} targets");
        Assert.True(server.Requests.Total <= sends, $"the emulator saw {server.Requests.Total} requests, the clients sent {sends}");
    }

    [Fact]
    public async Task Role_credentials_that_expire_during_a_run_are_renewed_and_nothing_is_lost_or_repeated()
    {
        var options = Data();
        await using var server = await EmulatorServer.StartAsync(options with { MinSessionSeconds = 6, LatencyMs = 600, ImagesPerPipeline = 4, FindingsPerImage = 8 });
        using var env = new EnvironmentScope().Set("AWS_ENDPOINT_URL_STS", server.BaseAddress.ToString());
        // The account and region with the most findings, so the run is long.
        var (member, region) = server.Data.Findings.GroupBy(f => (f.AccountId, Region: f.ImageBuildVersionArn.Split(':')[3]))
            .OrderByDescending(g => g.Count()).First().Key;
        var role = $"arn:aws:iam::{member}:role/Audit";
        var caller = Caller(server) with { RoleDurationSeconds = 6 };
        var targets = FleetPlan.Targets(caller, [region], [role], []);

        var events = await Run(targets);

        Assert.DoesNotContain(events, e => e.Kind == FleetEventKind.Failed && Fail(e.Error));
        var expected = Expected(server, region, member);
        Assert.True(expected.Count >= 27, "the run must outlast one set of credentials: 9 pages of 3 at 600 ms a request is 5.4 s, renewal is due after 4 s");
        Assert.Equal(expected, ItemsByTarget(events)[targets[0].Label]);
        Assert.True(server.Sessions.Issued.Count >= 2, $"{server.Sessions.Issued.Count} AssumeRole answers for a run longer than the credentials last");
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public void Targets_are_checked_before_anything_is_sent()
    {
        var caller = new ScanClientOptions { Region = "us-east-1" };
        Assert.Equal("Region", Assert.Throws<ScanInputException>(() => FleetPlan.Targets(caller, ["us-east-1", "EU West"], [], [])).ParameterName);
        Assert.Equal("RoleArn", Assert.Throws<ScanInputException>(() => FleetPlan.Targets(caller, [], ["arn:aws:iam::123:role/x"], [])).ParameterName);
        Assert.Equal("RoleArn", Assert.Throws<ScanInputException>(() => FleetPlan.Targets(caller, [], ["arn:aws:iam::123456789012:role/x"], ["dev"])).ParameterName);
        var targets = FleetPlan.Targets(caller, ["us-east-1", "eu-west-1", "us-east-1"], [], ["dev", "prod"]);
        Assert.Equal(["us-east-1 / profile dev", "eu-west-1 / profile dev", "us-east-1 / profile prod", "eu-west-1 / profile prod"], targets.Select(t => t.Label));
        Assert.All(targets, t => Assert.Equal(t.Region, t.Options.Region));
    }

    [Fact]
    public void A_build_goes_to_the_target_of_its_region_and_account()
    {
        var caller = new ScanClientOptions { Region = "us-east-1" };
        const string image = "arn:aws:imagebuilder:eu-west-1:222233334444:image/web/1.0.0/1";
        var roles = FleetPlan.Targets(caller, ["us-east-1", "eu-west-1"], ["arn:aws:iam::111122223333:role/Audit", "arn:aws:iam::222233334444:role/Audit"], []);
        Assert.Equal("eu-west-1 / arn:aws:iam::222233334444:role/Audit", FleetPlan.TargetFor(roles, image).Label);
        Assert.Equal("eu-west-1", FleetPlan.TargetFor(FleetPlan.Targets(caller, ["us-east-1", "eu-west-1"], [], []), image).Label);
        // No region given: a profile target is named by its profile until its client resolves the region.
        Assert.Equal(["profile a", "profile b"], FleetPlan.Targets(caller with { Region = null }, [], [], ["a", "b"]).Select(t => t.Label));
        // Profiles name no account: two could serve the build, and neither is guessed.
        var profiles = FleetPlan.Targets(caller, ["eu-west-1"], [], ["dev", "prod"]);
        Assert.Contains("2 targets could serve eu-west-1 / 222233334444", Assert.Throws<ScanInputException>(() => FleetPlan.TargetFor(profiles, image)).Message);
        Assert.Contains("no target is in ap-south-1 for account 222233334444",
            Assert.Throws<ScanInputException>(() => FleetPlan.TargetFor(roles, image.Replace("eu-west-1", "ap-south-1"))).Message);
        Assert.Equal("ImageBuildVersionArn", Assert.Throws<ScanInputException>(() => FleetPlan.TargetFor(roles, "not-an-arn")).ParameterName);
    }

    private static bool Fail(Exception? error) => throw new Xunit.Sdk.XunitException($"a target failed: {error}");
}
