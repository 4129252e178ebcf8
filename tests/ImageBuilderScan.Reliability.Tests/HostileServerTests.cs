using static ImageBuilderScan.Tests.Shared.HostileInput;

namespace ImageBuilderScan.Reliability.Tests;

/// <summary>
/// An endpoint that is not the service (issue 21), served by <see cref="ScriptedServer"/> on 127.0.0.1: whatever it
/// answers is read exactly or refused with a typed error, the gate never judges what it could not read exactly,
/// every page is bounded, no text from it acts on a terminal or CI log, and no secret in use is echoed back.
/// </summary>
public sealed partial class HostileServerTests
{
    private const string Secret = "HostileSecretKeyThatMustNeverBeSeen00001";
    private const string Token = "HostileSessionToken/That+MustNeverBeSeen=0002";

    private static ImageBuilderScanClient Client(ScriptedServer server, RecordingLog? log = null) => ImageBuilderScanClient.Create(
        TestClientOptions.For(server.BaseAddress, "AKIAIBSCANHOSTILE001", Secret, "us-east-1", Token, log, maxAttempts: 1, timeout: TimeSpan.FromSeconds(30)));

    private static FindingQuery ByImage(int? pageSize = 25) => new() { FilterName = FilterNames.ImageBuildVersionArn, Values = [ImageArn], PageSize = pageSize };

    private static async Task<(int Emitted, Exception? Error)> RunAsync(ImageBuilderScanClient client, string operation)
    {
        var emitted = 0;
        try
        {
            switch (operation)
            {
                case GetImage: await client.GetImageScanStateAsync(ImageArn); emitted++; break;
                case FindingsOperation: await foreach (var _ in client.GetFindingsAsync(ByImage())) emitted++; break;
                default:
                    await foreach (var _ in client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [ImageArn] })) emitted++;
                    break;
            }
            return (emitted, null);
        }
        catch (Exception e)
        {
            return (emitted, e);
        }
    }

    public static TheoryData<HostileAnswer> StrictCases => new(StrictReading);

    [Theory]
    [MemberData(nameof(StrictCases))]
    public async Task A_hostile_answer_is_a_typed_error_and_nothing_of_it_is_emitted(HostileAnswer answer)
    {
        await using var server = new ScriptedServer { Default = answer.Response };
        using var client = Client(server);
        var (emitted, error) = await RunAsync(client, answer.Operation);
        Assert.Equal(0, emitted);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.True(protocol.ErrorId == answer.ErrorId, $"{answer.Label}: {protocol.ErrorId}: {protocol.Message}");
    }

    [Theory]
    [InlineData("HTTP 206", 206, null, null, false)]
    [InlineData("an HTML type", 200, "text/html; charset=utf-8", null, false)]
    [InlineData("gzip declared, plain body", 200, null, "gzip", false)]
    [InlineData("gzip body", 200, null, "gzip", true)]
    public async Task An_answer_whose_status_type_or_encoding_is_not_the_services_is_refused_naming_it(string label, int status, string? type, string? encoding, bool gzipped)
    {
        // The body itself is a valid page with a CRITICAL finding: only how it came is wrong, and that is named.
        var body = $$"""{"findings":[{{FindingJson("CRITICAL")}}]}""";
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-1" };
        if (type is not null) headers["Content-Type"] = type;
        if (encoding is not null) headers["Content-Encoding"] = encoding;
        byte[]? raw = null;
        if (gzipped)
        {
            using var packed = new MemoryStream();
            using (var zip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Fastest)) zip.Write(Encoding.UTF8.GetBytes(body));
            raw = packed.ToArray();
        }
        await using var server = new ScriptedServer { Default = new ScriptedResponse(status, body, headers) { RawBody = raw } };
        using var client = Client(server);
        var (emitted, error) = await RunAsync(client, FindingsOperation);
        Assert.Equal(0, emitted);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.True(protocol.ErrorId == "MalformedResponse", $"{label}: {protocol.ErrorId}: {protocol.Message}");
        Assert.Contains(status != 200 ? "HTTP 206" : type is not null ? "'text/html'" : "'gzip'", protocol.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/")]
    [InlineData("")]
    public async Task A_200_whose_header_names_an_error_is_refused_naming_it(string errorType)
    {
        // A valid empty page, but the header says it is an error (a throttle): read as a page, it would pass as "no findings".
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = "req-1", ["x-amzn-ErrorType"] = errorType };
        await using var server = new ScriptedServer { Default = new ScriptedResponse(200, """{"findings":[]}""", headers) };
        using var client = Client(server);
        var (emitted, error) = await RunAsync(client, FindingsOperation);
        Assert.Equal(0, emitted);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.Equal("MalformedResponse", protocol.ErrorId);
        Assert.Contains("x-amzn-ErrorType", protocol.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_keeps_an_unknown_severity_as_sent_and_names_it_once()
    {
        var body = $$"""{"findings":[{{string.Join(",", LookAlikeSeverities.Concat(LookAlikeSeverities).Select(s => FindingJson(s)))}},{{FindingJson("HIGH")}}]}""";
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body) };
        var log = new RecordingLog();
        using var client = Client(server, log);
        var findings = await client.GetFindingsAsync(ByImage(pageSize: null)).ToListAsync();
        Assert.Equal(LookAlikeSeverities.Concat(LookAlikeSeverities).Append("HIGH"), findings.Select(f => f.Severity));
        var warnings = log.Lines.Where(l => l.StartsWith("WARNING: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(LookAlikeSeverities.Count, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("CRITICAL\\u200B", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain('\u200B', w));
    }

    [Fact]
    public async Task An_unknown_aggregation_kind_is_kept_as_sent_and_named_once()
    {
        const string body = """{"aggregationType":"repositoryName","responses":[{"repositoryAggregation":{"repositoryName":"web","severityCounts":{"all":2,"critical":0,"high":0,"medium":0}}},{"repositoryAggregation":{"repositoryName":"db","severityCounts":{"all":1,"critical":0,"high":0,"medium":0}}}]}""";
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body) };
        var log = new RecordingLog();
        using var client = Client(server, log);
        var items = await client.GetAggregationsAsync(new AggregationQuery()).ToListAsync();
        Assert.Equal(["repositoryAggregation", "repositoryAggregation"], items.Select(a => a.Kind));
        Assert.Equal(["web", "db"], items.Select(a => a.Key));
        Assert.Equal(2, log.Lines.Count(l => l.StartsWith("WARNING: ", StringComparison.Ordinal))); // the type once, the kind once
    }

    public static TheoryData<string> LookAlikes => new(LookAlikeSeverities);

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public async Task The_gate_does_not_judge_a_build_with_a_severity_it_does_not_know(string severity)
    {
        await using var server = GateServer(findings: [FindingJson(severity)], counted: 1);
        Assert.Contains("severity", await UnjudgedProblemAsync(server));
    }

    [Theory]
    [InlineData("YES\u200B")]
    [InlineData("AVAILABLE")]
    [InlineData("")]
    [InlineData("yes")]
    public async Task Under_FixableOnly_the_gate_does_not_judge_a_fixAvailable_the_model_does_not_define(string fix)
    {
        // Read as "not fixable", a CRITICAL would be taken out of the count and the build pass.
        var critical = FindingJson("CRITICAL").Replace("\"severity\"", $"\"fixAvailable\":\"{Escape(fix)}\",\"severity\"", StringComparison.Ordinal);
        await using var server = GateServer(findings: [critical], aggregation: AggregationJson(1, critical: 1));
        var result = await JudgeAsync(server, policy: new GatePolicy { FixableOnly = true });
        Assert.False(result.Passed);
        Assert.Contains("fixAvailable", result.ScanProblem);
        Assert.Empty(result.NotFixable);

        // The listing keeps it as sent and names it once, saying which gate it stops.
        var log = new RecordingLog();
        using var client = Client(server, log);
        var listed = Assert.Single(await client.GetFindingsAsync(ByImage()).ToListAsync());
        Assert.Equal(fix, listed.FixAvailable);
        Assert.Contains(log.Lines, l => l.StartsWith("WARNING: ", StringComparison.Ordinal) && l.Contains("fixAvailable", StringComparison.Ordinal)
            && l.Contains("-FixableOnly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_finding_that_claims_another_pipeline_than_GetImage_keeps_the_build_from_being_judged()
    {
        // GetImage names no pipeline; the finding claims prod, which an exception excuses: the claim must not bring it.
        const string prod = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/prod";
        var claimsProd = FindingJson("CRITICAL").Replace("\"severity\"", $"\"imagePipelineArn\":\"{prod}\",\"severity\"", StringComparison.Ordinal);
        await using var server = GateServer(findings: [claimsProd], aggregation: AggregationJson(1, critical: 1));
        var exceptions = ExceptionsFile.Parse(Encoding.UTF8.GetBytes($"- vulnerabilityId: {Cve}\n  pipeline: \"{prod}\"\n  reason: r\n"), "x.yaml");
        var result = await JudgeAsync(server, policy: new GatePolicy { Exceptions = exceptions });
        Assert.False(result.Passed);
        Assert.Empty(result.Suppressed);
        Assert.Contains("image-pipeline/prod", result.ScanProblem);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("COMPLETED\u200B")]
    [InlineData("DONE")]
    public async Task The_gate_does_not_judge_a_scan_status_the_model_does_not_define(string status)
    {
        await using var server = GateServer(findings: [], counted: 0, status: status);
        Assert.NotNull(await UnjudgedProblemAsync(server));
    }

    [Fact]
    public async Task The_gate_does_not_judge_a_GetImage_answer_about_another_image()
    {
        await using var server = GateServer(findings: [], counted: 0, imageArn: ImageArn.Replace("/4", "/5", StringComparison.Ordinal));
        Assert.Contains("ImageMismatch", await UnjudgedProblemAsync(server));
    }

    [Theory]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/other-image/1.2.3/9")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.4/9")]
    [InlineData("arn:aws:imagebuilder:eu-west-1:123456789012:image/web-server/1.2.3/9")]
    [InlineData("not an arn")]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/1" + Long)]
    public async Task A_listing_of_a_versions_builds_that_names_another_build_is_not_used(string foreign)
    {
        // As GetImage's answer about another image is refused: the newest build chosen must be the version's own, or
        // the gate would judge (and pass) something other than what was named.
        await using var server = new ScriptedServer();
        server.Route("/ListImageBuildVersions", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(ImageArn, "2026-01-01T00:00:00Z")}},{{BuildJson(foreign, "2026-02-01T00:00:00Z")}}]}"""));
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildScans(client).SelectAsync(ImageArn[..ImageArn.LastIndexOf('/')], "ImageBuildVersionArn", default));
        // Another region's build is refused by the client already, as any page naming another region than the one signed for.
        Assert.Equal(foreign.Contains(":eu-west-1:", StringComparison.Ordinal) ? "UnexpectedRegion" : "UnexpectedBuild", error.ErrorId);
    }

    [Fact]
    public async Task Builds_created_at_the_same_moment_are_told_apart_by_their_build_number_as_a_number()
    {
        await using var server = new ScriptedServer();
        var version = ImageArn[..ImageArn.LastIndexOf('/')];
        server.Route("/ListImageBuildVersions", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(version + "/10", "2026-01-01T00:00:00Z")}},{{BuildJson(version + "/9", "2026-01-01T00:00:00Z")}}]}"""));
        using var client = Client(server);
        Assert.Equal(version + "/10", (await new BuildScans(client).SelectAsync(version, "ImageBuildVersionArn", default)).ImageBuildVersionArn);
    }

    // Digits that make a build ARN of the right shape longer than a filter value may be (1024).
    private const string Long = "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
        + "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    private static string BuildJson(string arn, string created) =>
        $$$"""{"arn":"{{{Escape(arn)}}}","name":"web-server","version":"1.2.3","dateCreated":"{{{created}}}","state":{"status":"AVAILABLE"}}""";

    [Theory]
    [InlineData("counted twice")]
    [InlineData("of another kind")]
    public async Task A_pipeline_history_refuses_counts_it_cannot_read_exactly(string lie)
    {
        // The history draws each build's counts: a build counted twice was summed into a number the service never gave,
        // and a count of another kind was skipped as if the build had no findings.
        const string Pipeline = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
        var counts = lie == "counted twice"
            ? $"{AggregationJson(2, high: 2)},{AggregationJson(2, high: 2)}"
            : """{"accountAggregation":{"accountId":"123456789012","severityCounts":{"all":2,"critical":0,"high":2,"medium":0}}}""";
        await using var server = new ScriptedServer();
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(ImageArn, "2026-01-01T00:00:00Z")}}]}"""));
        // GetImage names the pipeline that built it: a history holds each build to it.
        server.Route("/GetImage", ScriptedResponse.Json(PipelineImageJson(ImageArn, Pipeline, "2026-01-01T00:00:00Z")));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json($$"""{"aggregationType":"imageBuildVersionArn","responses":[{{counts}}]}"""));
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new PipelineHistory(client).ReadAsync(Pipeline).ToListAsync().AsTask());
        Assert.Equal("UnexpectedAggregation", error.ErrorId);
    }

    [Fact]
    public async Task By_ARN_the_gate_checks_the_listing_against_the_image_count()
    {
        // The listing ends after one LOW finding while the image's own aggregation counts five.
        await using var server = GateServer(findings: [FindingJson("LOW")], counted: 5);
        Assert.Contains("counts 5", await UnjudgedProblemAsync(server));

        await using var honest = GateServer(findings: [FindingJson("LOW")], counted: 1);
        Assert.True((await JudgeAsync(honest)).Passed);
    }

    [Theory]
    [InlineData("another image")]
    [InlineData("no image")]
    public async Task A_findings_listing_that_names_another_image_or_none_keeps_the_build_from_being_judged(string names)
    {
        // A filter ignored (a proxy, a look-alike endpoint): another image's findings, as many as counted. Before, the
        // evaluator's ArgumentException left the gate unjudged with no result (exit 1 under Stop). A finding naming no
        // image cannot be shown to be this one's either (the service names it on every finding).
        var finding = names == "another image"
            ? FindingJson("LOW").Replace(ImageArn, ImageArn.Replace("web-server", "other-image", StringComparison.Ordinal), StringComparison.Ordinal)
            : FindingJson("LOW").Replace($"\"imageBuildVersionArn\":\"{ImageArn}\",", "", StringComparison.Ordinal);
        Assert.NotEqual(FindingJson("LOW"), finding);
        await using var server = GateServer(findings: [finding], counted: 1);
        Assert.Contains("UnexpectedFinding", await UnjudgedProblemAsync(server));
    }

    [Theory]
    [InlineData("available")]
    [InlineData("AVAILABLE\u200B")]
    public async Task The_gate_does_not_judge_an_image_state_the_model_does_not_define(string state)
    {
        await using var server = GateServer(findings: [], counted: 0);
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson(imageState: state)));
        Assert.Contains("image state", await UnjudgedProblemAsync(server));
    }

    [Theory]
    [InlineData("arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/clean-image", false)]
    [InlineData(null, false)]
    [InlineData(Pipeline, true)]
    public async Task A_build_chosen_as_a_pipelines_newest_is_judged_only_when_GetImage_says_it_is_that_pipelines(string? builtBy, bool passes)
    {
        // The pipeline's listing names a clean build; only its own GetImage answer can say which pipeline built it.
        var clean = ImageArn.Replace("web-server", "clean-image", StringComparison.Ordinal);
        await using var server = GateServer(findings: [], counted: 0, imageArn: clean);
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(clean, "2026-02-01T00:00:00Z")}}]}"""));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json($$"""{"responses":[{{AggregationJson(0, clean)}}]}"""));
        // Dated as the listing dates it: the date is held to the listing's (see the GateState part).
        var image = ImageJson(clean).Replace("\"image\":{", "\"image\":{\"dateCreated\":\"2026-02-01T00:00:00Z\",", StringComparison.Ordinal);
        if (builtBy is not null) image = image.Replace("\"image\":{", $"\"image\":{{\"sourcePipelineArn\":\"{builtBy}\",", StringComparison.Ordinal);
        server.Route("/GetImage", ScriptedResponse.Json(image));
        var result = await JudgeAsync(server, Pipeline);
        Assert.True(passes == result.Passed, result.Summary);
        if (!passes) Assert.Contains("is not judged as that pipeline's", result.ScanProblem);
    }

    private const string Pipeline = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";

    private const string BaselineArn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/3";

    [Theory]
    [InlineData("padded", "BaselineCountMismatch")]
    [InlineData("another image's", "UnexpectedFinding")]
    [InlineData("honest", null)]
    public async Task A_baselines_findings_are_held_to_its_own_count_and_image(string baselineListing, string? errorId)
    {
        // The build has one CRITICAL finding, counted; the baseline's listing holds it too, so it would pass as inherited.
        await using var server = GateServer(findings: [FindingJson("CRITICAL")], aggregation: AggregationJson(1, critical: 1));
        server.RouteFor("/GetImage", BaselineArn, ScriptedResponse.Json(ImageJson(BaselineArn)));
        var finding = baselineListing == "another image's" ? FindingJson("CRITICAL") : FindingJson("CRITICAL").Replace(ImageArn, BaselineArn, StringComparison.Ordinal);
        server.RouteFor("/ListImageScanFindings", BaselineArn, ScriptedResponse.Json($$"""{"findings":[{{finding}}]}"""));
        var baselineCount = baselineListing == "honest" ? AggregationJson(1, BaselineArn, critical: 1) : "";
        server.RouteFor("/ListImageScanFindingAggregations", BaselineArn, ScriptedResponse.Json($$"""{"responses":[{{baselineCount}}]}"""));
        using var client = Client(server);
        var result = Assert.Single(await new ScanGate(client, new GateEvaluator())
            .EvaluateAsync([ImageArn], new GatePolicy(), new GateBaseline(BaselineArn, Force: true)).ToListAsync());
        Assert.True(errorId is null == result.Passed, result.Summary);
        if (errorId is not null) Assert.Contains(errorId, result.ScanProblem);
    }

    [Theory]
    [InlineData("honest", null)]
    [InlineData("another pipeline's", "of another pipeline")]
    [InlineData("newer by its GetImage", "the listing's order is not used")]
    [InlineData("no build ARN", "not one of them")]
    public async Task NewOnly_uses_a_listed_older_build_only_when_its_own_GetImage_agrees(string listed, string? refusal)
    {
        // The build's one CRITICAL finding is also the older build's: as its baseline, it passes as inherited.
        await using var server = GateServer(findings: [FindingJson("CRITICAL")], aggregation: AggregationJson(1, critical: 1));
        server.Route("/GetImage", ScriptedResponse.Json(PipelineImageJson(ImageArn, Pipeline, "2026-02-01T00:00:00Z")));
        var older = listed == "no build ARN" ? "not an arn" : BaselineArn;
        server.Route("/ListImagePipelineImages", ScriptedResponse.Json($$"""{"imageSummaryList":[{{BuildJson(ImageArn, "2026-02-01T00:00:00Z")}},{{BuildJson(older, "2026-01-01T00:00:00Z")}}]}"""));
        server.RouteFor("/GetImage", BaselineArn, ScriptedResponse.Json(PipelineImageJson(BaselineArn,
            listed == "another pipeline's" ? Pipeline.Replace("web-server", "other", StringComparison.Ordinal) : Pipeline,
            listed == "newer by its GetImage" ? "2026-03-01T00:00:00Z" : "2026-01-01T00:00:00Z")));
        server.RouteFor("/ListImageScanFindings", BaselineArn,
            ScriptedResponse.Json($$"""{"findings":[{{FindingJson("CRITICAL").Replace(ImageArn, BaselineArn, StringComparison.Ordinal)}}]}"""));
        server.RouteFor("/ListImageScanFindingAggregations", BaselineArn, ScriptedResponse.Json($$"""{"responses":[{{AggregationJson(1, BaselineArn, critical: 1)}}]}"""));
        using var client = Client(server);
        var result = Assert.Single(await new ScanGate(client, new GateEvaluator())
            .EvaluateAsync([ImageArn], new GatePolicy(), GateBaseline.PreviousBuild).ToListAsync());
        Assert.True(refusal is null == result.Passed, result.Summary);
        if (refusal is not null) Assert.Contains(refusal, result.ScanProblem);
    }

    private static string PipelineImageJson(string arn, string pipeline, string created) =>
        $$$"""{"image":{"arn":"{{{arn}}}","sourcePipelineArn":"{{{pipeline}}}","dateCreated":"{{{created}}}","state":{"status":"AVAILABLE"},"imageScanningConfiguration":{"imageScanningEnabled":true},"scanState":{"status":"COMPLETED"}""" + "}}";

    [Fact]
    public async Task By_ARN_the_gate_refuses_a_listing_whose_severities_are_not_the_counts()
    {
        // As many findings as counted, but the one the service counts CRITICAL is listed as LOW: judged on the listing,
        // the gate would pass a CRITICAL finding.
        await using var server = GateServer(findings: [FindingJson("LOW"), FindingJson("LOW", "CVE-2025-0002")], aggregation: AggregationJson(2, critical: 1));
        var result = await JudgeAsync(server);
        Assert.False(GateExit.IsJudged(result));
        Assert.Contains("0 CRITICAL finding(s) were listed, but the service counts 1 CRITICAL for this image", result.ScanProblem);

        await using var honest = GateServer(findings: [FindingJson("CRITICAL"), FindingJson("LOW", "CVE-2025-0002")], aggregation: AggregationJson(2, critical: 1));
        Assert.True(GateExit.IsJudged(await JudgeAsync(honest)));
    }

    [Theory]
    [InlineData("HIGH", "HIGH")]
    [InlineData("HIGH", "LOW")]
    public async Task By_ARN_the_gate_refuses_a_listing_that_repeats_a_finding(string severity, string repeatedAs)
    {
        // The same finding twice (its severity need not agree) stands in for one the listing left out; the counts agree.
        await using var server = GateServer(findings: [FindingJson(severity), FindingJson(repeatedAs)],
            aggregation: AggregationJson(2, high: severity == repeatedAs ? 2 : 1));
        var result = await JudgeAsync(server);
        Assert.False(GateExit.IsJudged(result));
        Assert.Contains($"1 finding(s) were listed more than once (the first: {Cve})", result.ScanProblem);
    }

    [Fact]
    public async Task A_baseline_listing_that_the_service_does_not_count_is_not_used()
    {
        // The build's HIGH finding is new, but the baseline's listing carries it too (the service counts nothing for the
        // baseline): taken as listed, the finding would be inherited and the gate would pass.
        var result = await JudgeAgainstBaselineAsync(baselineArn => AggregationJson(0, baselineArn));
        Assert.False(GateExit.IsJudged(result));
        Assert.True(result.ScanProblem?.Contains("BaselineCountMismatch", StringComparison.Ordinal), result.ScanProblem);
        Assert.Contains("1 finding(s) were listed, but the service counts 0 for this image", result.ScanProblem);
    }

    [Fact]
    public async Task The_gate_asks_one_count_for_ten_builds()
    {
        var arns = Enumerable.Range(1, 12).Select(i => ImageArn.Replace("/4", $"/{i}", StringComparison.Ordinal)).ToList();
        await using var server = new ScriptedServer();
        server.Route("/ListImageScanFindings", ScriptedResponse.Json("""{"findings":[]}"""));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json("""{"responses":[]}"""));
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson()));
        using var client = Client(server);
        // Each GetImage answer names the first ARN: only it is judged, the rest are mismatches; the counts are what is counted here.
        await new ScanGate(client, new GateEvaluator()).EvaluateAsync(arns, new GatePolicy(), null).ToListAsync();
        Assert.Equal(2, server.Requests.Count(r => r.Target.StartsWith("/ListImageScanFindingAggregations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Endless_empty_pages_end_with_a_typed_error_and_a_resume_token()
    {
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json("""{"findings":[],"nextToken":"{token}"}""") with { FreshToken = true } };
        using var client = Client(server);
        var (_, error) = await RunAsync(client, FindingsOperation);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.Equal("EndlessEmptyPages", protocol.ErrorId);
        Assert.NotNull(protocol.Resume?.NextToken);
        Assert.Equal(ScanPager.MaxConsecutiveEmptyPages + 1, server.Requests.Count);
    }

    [Fact]
    public async Task A_listing_that_passes_the_services_count_is_ended_there()
    {
        // Pages of findings that keep coming (here ten, then an end): once the count is known, a listing past it can no
        // longer agree with it, and collecting on would cost memory and time without end.
        await using var server = new ScriptedServer();
        for (var i = 1; i <= 10; i++)
            server.Enqueue(ScriptedResponse.Json($$"""{"findings":[{{FindingJson("LOW", $"CVE-2025-{i:D5}")}}],"nextToken":"t{{i}}"}"""));
        server.Enqueue(ScriptedResponse.Json("""{"findings":[]}"""));
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildScans(client).FindingsAsync(ImageArn, "ImageBuildVersionArn", default, most: () => 3));
        Assert.Equal("MoreFindingsThanCounted", error.ErrorId);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task A_listing_with_no_count_to_hold_it_ends_at_the_most_findings_read_for_one_build()
    {
        // Fresh pages of 25 findings that never end, and no count given: the listing still ends, at the ceiling.
        var page = string.Join(",", Enumerable.Range(1, 25).Select(i => FindingJson("LOW", $"CVE-2025-{i:D5}")));
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json($$"""{"findings":[{{page}}],"nextToken":"{token}"}""") with { FreshToken = true } };
        using var client = Client(server);
        // (100 here: the real ceiling, 100,000, would take 4,000 pages.)
        Assert.Equal(100_000, new BuildScans(client).MostFindingsRead);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildScans(client) { MostFindingsRead = 100 }.FindingsAsync(ImageArn, "ImageBuildVersionArn", default));
        Assert.Equal("TooManyFindings", error.ErrorId);
        Assert.Contains("passed 100, the most read for one build", error.Message);
        Assert.Equal(100 / 25 + 1, server.Requests.Count);

        // A count past the ceiling ends the listing once it is in (here at once), not thousands of pages on.
        var counted = await Assert.ThrowsAsync<ScanProtocolException>(() => new BuildScans(client) { MostFindingsRead = 100 }
            .FindingsAsync(ImageArn, "ImageBuildVersionArn", default, most: () => 1_000_000_000_000_000));
        Assert.Equal("TooManyFindings", counted.ErrorId);
        Assert.Contains("The service counts 1,000,000,000,000,000 findings", counted.Message);
        Assert.Equal(100 / 25 + 2, server.Requests.Count);
    }

    [Fact]
    public async Task A_baselines_listing_that_passes_its_count_is_ended_there_and_the_build_is_not_judged()
    {
        // The baseline's listing is as endless as above while the service counts one finding for it: it was read whole
        // before its count was asked, so such a baseline was collected without end; now it ends once it passes the count.
        await using var server = GateServer(findings: [FindingJson("CRITICAL")], aggregation: AggregationJson(1, critical: 1));
        server.RouteFor("/GetImage", BaselineArn, ScriptedResponse.Json(ImageJson(BaselineArn)));
        var page = string.Join(",", Enumerable.Range(1, 25).Select(i => FindingJson("CRITICAL", $"CVE-2025-{i:D5}").Replace(ImageArn, BaselineArn, StringComparison.Ordinal)));
        server.RouteFor("/ListImageScanFindings", BaselineArn, ScriptedResponse.Json($$"""{"findings":[{{page}}],"nextToken":"{token}"}""") with { FreshToken = true });
        server.RouteFor("/ListImageScanFindingAggregations", BaselineArn, ScriptedResponse.Json($$"""{"responses":[{{AggregationJson(1, BaselineArn, critical: 1)}}]}"""));
        using var client = Client(server);
        var result = Assert.Single(await new ScanGate(client, new GateEvaluator())
            .EvaluateAsync([ImageArn], new GatePolicy(), new GateBaseline(BaselineArn, Force: true)).ToListAsync());
        Assert.False(GateExit.IsJudged(result), result.Summary);
        Assert.Contains("BaselineCountMismatch", result.ScanProblem);
        Assert.Contains("finding(s) were listed, but the service counts 1 for this image", result.ScanProblem);
    }

    [Fact]
    public async Task A_page_with_more_findings_than_asked_is_refused()
    {
        var body = $$"""{"findings":[{{string.Join(",", Enumerable.Repeat(FindingJson(), 6))}}],"nextToken":"t2"}""";
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body) };
        using var client = Client(server);
        var error = await Assert.ThrowsAsync<ScanProtocolException>(async () => await client.GetFindingsAsync(ByImage(pageSize: 5)).ToListAsync());
        Assert.Equal("TooManyItems", error.ErrorId);
        Assert.NotNull(error.Resume);
    }

    [Fact]
    public async Task A_body_over_the_ceiling_is_refused_before_it_is_read_whole()
    {
        var finding = System.Text.Encoding.UTF8.GetBytes(FindingJson() + ",");
        var body = new byte[17 * 1024 * 1024];
        var prefix = System.Text.Encoding.UTF8.GetBytes("""{"findings":[""");
        prefix.CopyTo(body, 0);
        for (var at = prefix.Length; at + finding.Length < body.Length; at += finding.Length) finding.CopyTo(body, at);
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json("") with { RawBody = body } };
        using var client = Client(server);
        var (emitted, error) = await RunAsync(client, FindingsOperation);
        Assert.Equal(0, emitted);
        Assert.Equal("ResponseTooLarge", Assert.IsType<ScanProtocolException>(error).ErrorId);
    }

    [Fact]
    public async Task A_token_longer_than_the_model_allows_is_not_sent_back()
    {
        var token = new string('t', QueryValidator.MaxTokenLength + 1);
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json($$"""{"findings":[{{FindingJson()}}],"nextToken":"{{token}}"}""") };
        using var client = Client(server);
        var (emitted, error) = await RunAsync(client, FindingsOperation);
        Assert.Equal(0, emitted);
        var protocol = Assert.IsType<ScanProtocolException>(error);
        Assert.Equal("NextTokenTooLong", protocol.ErrorId);
        Assert.NotNull(protocol.Resume);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Text_from_the_wire_reaches_no_log_line_or_message_raw()
    {
        var headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = "::error::req" };
        await using var server = new ScriptedServer();
        server.Enqueue(new ScriptedResponse(200, $$"""{"requestId":"{{Escape(ActiveText)}}","findings":[{{FindingJson(id: Escape(ActiveText))}}],"nextToken":"t2"}""", headers));
        server.Enqueue(ScriptedResponse.Error(400, "InvalidRequestException", $$"""{"message":"{{Escape(ActiveText)}}"}""", requestId: Escape(ActiveText)));
        var log = new RecordingLog();
        using var client = Client(server, log);
        var error = await Assert.ThrowsAsync<InvalidRequestException>(async () => await client.GetFindingsAsync(ByImage()).ToListAsync());
        foreach (var text in log.Lines.Append(error.Message)) AssertInert(text);
    }

    [Fact]
    public async Task The_text_of_the_objects_read_from_the_wire_is_inert_while_their_values_stay_as_sent()
    {
        // "$finding", Format-List * of a gate result's outcomes and Export-Csv cells show the objects' ToString: a finding's
        // title, vulnerability id, package and reference URLs printed raw put OSC 52, clear-screen and ##vso lines on the terminal.
        var active = Escape(ActiveText);
        var finding = FindingJson("CRITICAL", id: active).Replace("\"severity\"", $"\"title\":\"{active}\",\"severity\"", StringComparison.Ordinal)
            .Replace("\"vulnerabilityId\"", $"\"referenceUrls\":[\"{active}\"],\"vulnerablePackages\":[{{\"name\":\"{active}\",\"version\":\"1\"}}],\"vulnerabilityId\"", StringComparison.Ordinal);
        await using var server = new ScriptedServer();
        server.Route("/ListImageScanFindings", ScriptedResponse.Json($$"""{"findings":[{{finding}}]}"""));
        server.Route("/ListImageScanFindingAggregations", ScriptedResponse.Json(
            """{"responses":[{"imageAggregation":{"imageBuildVersionArn":"KEY","severityCounts":{"all":1}}}]}""".Replace("KEY", active, StringComparison.Ordinal)));
        using var client = Client(server);
        var read = Assert.Single(await client.GetFindingsAsync(ByImage()).ToListAsync());
        var aggregation = Assert.Single(await client.GetAggregationsAsync(new AggregationQuery()).ToListAsync());
        Assert.Equal(ActiveText, read.Title);
        Assert.Equal(ActiveText, read.VulnerablePackages[0].Name);
        foreach (var text in new object[] { read, read.VulnerablePackages, read.VulnerablePackages[0], read.ReferenceUrls, aggregation,
                     new FindingOutcome(read, FindingVerdict.Violation) })
            AssertInert(text.ToString()!);
    }

    [Theory]
    [InlineData("query", "https://x/?X-Amz-Security-Token={0}&X-Amz-Date=1")]
    [InlineData("header", "x-amz-security-token: {0}")]
    [InlineData("JSON", "{{\"X-Amz-Security-Token\": \"{0}\"}}")]
    [InlineData("HTML", "<tr><th>x-amz-security-token</th><td>{0}</td></tr>")]
    [InlineData("bare", "the canonical request was ... {0} ...")]
    public async Task An_echoed_session_token_is_scrubbed_from_every_message(string form, string echo)
    {
        await using var server = new ScriptedServer();
        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, echo, Token) + " and " + Secret;
        server.Default = ScriptedResponse.Error(403, "ForbiddenException", System.Text.Json.JsonSerializer.Serialize(new { message }));
        var log = new RecordingLog();
        using var client = Client(server, log);
        var error = await Assert.ThrowsAsync<ForbiddenException>(async () => await client.GetFindingsAsync(ByImage()).ToListAsync());
        foreach (var text in log.Lines.Append(error.Message).Append(error.ToString()))
        {
            Assert.False(text.Contains(Token, StringComparison.Ordinal) || text.Contains(Uri.EscapeDataString(Token), StringComparison.Ordinal), $"{form}: {text}");
            Assert.DoesNotContain(Secret, text);
        }
        Assert.Contains(SecretRedaction.Redacted, error.Message);
    }

    [Theory]
    [InlineData("GET /?X-Amz-Security-Token=FwoGZXIvYXdzEBYaDOtherToken%2Fx%3D&X-Amz-Date=1")]
    [InlineData("X-Amz-Security-Token: FwoGZXIvYXdzEBYaDOtherToken/x=")]
    [InlineData("{\"x-amz-security-token\":\"FwoGZXIvYXdzEBYaDOtherToken/x=\"}")]
    [InlineData("<td>X-Amz-Security-Token</td>\n<td class=\"v\">FwoGZXIvYXdzEBYaDOtherToken/x=</td>")]
    [InlineData("<input name=\"X_Amz_Security_Token\" value=\"FwoGZXIvYXdzEBYaDOtherToken/x=\">")]
    public void Any_security_token_value_is_scrubbed_whatever_token_it_is(string text)
    {
        var scrubbed = SecretRedaction.ForOutput(text);
        Assert.DoesNotContain("OtherToken", scrubbed);
        Assert.Contains(SecretRedaction.Redacted, scrubbed);
    }

    [Fact]
    public void The_sanitiser_shows_every_active_character_as_an_escape()
    {
        var shown = SecretRedaction.ForOutput(ActiveText);
        AssertInert(shown);
        Assert.Contains("\\u001B]52", shown);
        Assert.Contains("\\u202E", shown);
        Assert.Equal("CVE-2025-38064", InputDisplay.VulnerabilityId("CVE-2025-38064"));
        Assert.Equal("\"CVE\\u002D1\\u000A\"", InputDisplay.VulnerabilityId("CVE-1\n"));
        Assert.Equal("\"\\u003A\\u003Aerror\\u003A\\u003Ax\"", InputDisplay.RequestId("::error::x"));
    }

    /// <summary>No C0/C1 control but a line break, no ESC, no bidi control, and no line that starts a CI runner's command.</summary>
    internal static void AssertInert(string text)
    {
        foreach (var c in text)
            Assert.False((char.IsControl(c) && c != '\n') || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069', $"raw U+{(int)c:X4} in: {text}");
        foreach (var line in text.Split('\n'))
        {
            var start = line.TrimStart();
            Assert.False(start.StartsWith("##vso[", StringComparison.OrdinalIgnoreCase) || start.StartsWith("::", StringComparison.Ordinal), $"a command line in: {text}");
        }
    }

    private static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    private static ScriptedServer GateServer(IReadOnlyList<string> findings, long counted = 0, string status = "COMPLETED", string imageArn = ImageArn,
        string? aggregation = null)
    {
        var server = new ScriptedServer();
        server.Route("/GetImage", ScriptedResponse.Json(ImageJson(imageArn, status)));
        server.Route("/ListImageScanFindings", ScriptedResponse.Json($$"""{"findings":[{{string.Join(",", findings)}}]}"""));
        server.Route("/ListImageScanFindingAggregations",
            ScriptedResponse.Json($$"""{"aggregationType":"imageBuildVersionArn","responses":[{{aggregation ?? AggregationJson(counted)}}]}"""));
        return server;
    }

    /// <summary>Judges the build as <see cref="JudgeAsync"/> does; it must not pass. Returns why its scan could not be judged.</summary>
    private async Task<string?> UnjudgedProblemAsync(ScriptedServer server)
    {
        var result = await JudgeAsync(server);
        Assert.False(result.Passed);
        return result.ScanProblem;
    }

    /// <summary>The build's one HIGH finding judged against a named baseline whose listing carries it too, counted by
    /// <paramref name="baselineAggregation"/> (given the baseline's ARN).</summary>
    private async Task<GateResult> JudgeAgainstBaselineAsync(Func<string, string> baselineAggregation)
    {
        var baselineArn = ImageArn.Replace("/4", "/3", StringComparison.Ordinal);
        await using var build = GateServer(findings: [FindingJson("HIGH")], aggregation: AggregationJson(1, high: 1));
        // (Its finding names the baseline: one naming the build is refused sooner, as UnexpectedFinding.)
        await using var baseline = GateServer(findings: [FindingJson("HIGH").Replace(ImageArn, baselineArn, StringComparison.Ordinal)], imageArn: baselineArn,
            aggregation: baselineAggregation(baselineArn));
        using var buildClient = Client(build);
        using var baselineClient = Client(baseline);
        var gate = new ScanGate(arn => arn == baselineArn ? baselineClient : buildClient, new GateEvaluator());
        return Assert.Single(await gate.EvaluateAsync([ImageArn], new GatePolicy(), new GateBaseline(baselineArn, Force: true)).ToListAsync());
    }

    private async Task<GateResult> JudgeAsync(ScriptedServer server, string build = ImageArn, GatePolicy? policy = null)
    {
        using var client = Client(server);
        return Assert.Single(await new ScanGate(client, new GateEvaluator()).EvaluateAsync([build], policy ?? new GatePolicy(), null).ToListAsync());
    }
}
