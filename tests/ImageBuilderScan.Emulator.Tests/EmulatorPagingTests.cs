namespace ImageBuilderScan.Emulator.Tests;

public sealed class EmulatorPagingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(100)]
    public async Task Every_aggregation_of_every_kind_comes_back_exactly_once(int pageSize)
    {
        await using var server = await TestData.Sample(pageSize, filterMatchesAll: true);
        using var caller = new EmulatorCaller(server);
        foreach (var kind in AggregationKinds.All)
        {
            var got = await caller.AllAggregations(new { name = kind, values = new[] { "anything" } });
            var expected = server.Visible("us-east-1").Aggregations(kind);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, got);
            Assert.Equal(got.Count, got.Select(a => a.Key).Distinct().Count());
            Assert.Equal((expected.Count + pageSize - 1) / pageSize, server.Requests.Aggregations);
            server.Reset();
        }
    }

    [Fact]
    public async Task No_filter_aggregates_by_account_and_counts_agree_with_the_findings()
    {
        await using var server = await TestData.Sample(pageSize: 1);
        using var caller = new EmulatorCaller(server);
        var got = await caller.AllAggregations();
        Assert.Equal(["111122223333", "444455556666"], got.Select(a => a.Key));
        Assert.All(got, a => Assert.Equal("accountId", a.Kind));
        // Counted independently here from the sample's findings: critical/high/medium, and all includes the rest.
        foreach (var aggregation in got)
        {
            var mine = server.Visible("us-east-1").Findings.Where(f => f.AccountId == aggregation.Key).ToList();
            Assert.Equal(mine.Count, aggregation.Counts.All);
            Assert.Equal(mine.Count(f => f.Severity == "CRITICAL"), aggregation.Counts.Critical);
            Assert.Equal(mine.Count(f => f.Severity == "HIGH"), aggregation.Counts.High);
            Assert.Equal(mine.Count(f => f.Severity == "MEDIUM"), aggregation.Counts.Medium);
        }
        // The sample's us-east-1 findings (two more are in eu-west-1, which a us-east-1 request does not see).
        Assert.Equal(32, got.Sum(a => a.Counts.All));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, 7)]
    [InlineData(25, 25)]
    public async Task Findings_page_through_every_finding_once(int expectedPageSize, int? maxResults)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, FindingsPageSize = expectedPageSize });
        using var caller = new EmulatorCaller(server);
        var size = maxResults ?? expectedPageSize;
        var got = new List<string>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var reply = await caller.Findings(new { maxResults, nextToken = token });
            Assert.Equal(200, reply.Status);
            var findings = reply.Json["findings"]!.AsArray();
            Assert.True(findings.Count <= size);
            got.AddRange(findings.Select(f => f!.ToJsonString()));
            token = reply.NextToken;
            if (token is null) break;
        }
        Assert.Null(token);
        Assert.Equal(server.Visible("us-east-1").Findings.Select(f => f.Json), got);
    }

    [Fact]
    public async Task Synthetic_keys_page_lazily_with_counts_whose_parts_never_exceed_all()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { SyntheticKeys = 2_503, AggregationPageSize = 1000 });
        using var caller = new EmulatorCaller(server);
        var got = await caller.AllAggregations(new { name = "imageBuildVersionArn", values = new[] { "x" } });
        Assert.Equal(2_503, got.Count);
        Assert.Equal(3, server.Requests.Aggregations);
        Assert.Equal("arn:aws:imagebuilder:us-east-1:123456789012:image/img-000123/1.0.0/1", got[123].Key);
        Assert.Equal(got.Count, got.Select(a => a.Key).Distinct().Count());
        Assert.All(got, a => Assert.True(a.Counts.Critical + a.Counts.High + a.Counts.Medium <= a.Counts.All && a.Counts.Critical >= 0));
        Assert.Equal(Enumerable.Range(0, 2_503).Select(i => SyntheticKeys.Aggregation("imageBuildVersionArn", i, 2_503)), got);
        var accounts = await caller.AllAggregations();
        Assert.Equal("100000000000", accounts[0].Key);
        var pipelines = await caller.AllAggregations(new { name = "imagePipelineArn", values = new[] { "x" } });
        Assert.EndsWith(":image-pipeline/pipeline-002502", pipelines[^1].Key);
        var cves = await caller.AllAggregations(new { name = "vulnerabilityId", values = new[] { "x" } });
        Assert.Equal("CVE-2025-000007", cves[7].Key);
    }
}
