namespace ImageBuilderScan.Emulator.Tests;

public sealed class FilterTests
{
    public static TheoryData<string> Kinds => new() { "accountId", "imageBuildVersionArn", "imagePipelineArn", "vulnerabilityId" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_filter_returns_its_kind_restricted_to_the_values(string kind)
    {
        await using var server = await TestData.Sample(pageSize: 2);
        using var caller = new EmulatorCaller(server);
        var all = server.Visible("us-east-1").Aggregations(kind);
        Assert.True(all.Count >= 2);
        // Two real keys (in reverse order) and one that is not in the data set.
        var values = new[] { all[^1].Key, all[0].Key, kind == "accountId" ? "999999999999" : "CVE-1999-0001" };
        var got = await caller.AllAggregations(new { name = kind, values });
        Assert.Equal([all[0], all[^1]], got);
        Assert.All(got, a => Assert.Equal(kind, a.Kind));
    }

    [Fact]
    public async Task The_wire_member_of_each_kind_is_the_models()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var members = new Dictionary<string, string>
        {
            ["accountId"] = "accountAggregation",
            ["imageBuildVersionArn"] = "imageAggregation",
            ["imagePipelineArn"] = "imagePipelineAggregation",
            ["vulnerabilityId"] = "vulnerabilityIdAggregation",
        };
        foreach (var (kind, member) in members)
        {
            var reply = await caller.Aggregations(new { filter = new { name = kind, values = new[] { server.Visible("us-east-1").Aggregations(kind)[0].Key } } });
            Assert.Equal(kind, reply.Json["aggregationType"]!.GetValue<string>());
            var item = Assert.Single(reply.Json["responses"]!.AsArray())!.AsObject();
            Assert.Equal(member, Assert.Single(item).Key);
            Assert.Equal(["all", "critical", "high", "medium"], item[member]!["severityCounts"]!.AsObject().Select(p => p.Key).Order());
            Assert.NotNull(reply.RequestId);
            Assert.Equal(reply.RequestId, reply.Json["requestId"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("imageBuildVersionArn")]
    [InlineData("imagePipelineArn")]
    [InlineData("vulnerabilityId")]
    [InlineData("severity")]
    public async Task Findings_filters_select_matching_findings(string name)
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        var value = server.Visible("us-east-1").Findings[3].KeyFor(name)!;
        var reply = await caller.Findings(new { filters = new[] { new { name, values = new[] { value } } }, maxResults = 25 });
        Assert.Equal(200, reply.Status);
        var got = reply.Json["findings"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        Assert.Equal(server.Visible("us-east-1").Findings.Where(f => f.KeyFor(name) == value).Select(f => f.Json), got);
        Assert.NotEmpty(got);
    }

    [Fact]
    public async Task Aggregation_counts_equal_the_findings_behind_them()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        foreach (var image in server.Visible("us-east-1").Aggregations("imageBuildVersionArn"))
        {
            var reply = await caller.Findings(new { filters = new[] { new { name = "imageBuildVersionArn", values = new[] { image.Key } } }, maxResults = 25 });
            var severities = reply.Json["findings"]!.AsArray().Select(f => f!["severity"]!.GetValue<string>()).ToList();
            Assert.Equal(image.Counts.All, severities.Count);
            Assert.Equal(image.Counts.Critical, severities.Count(s => s == "CRITICAL"));
            Assert.Equal(image.Counts.High, severities.Count(s => s == "HIGH"));
            Assert.Equal(image.Counts.Medium, severities.Count(s => s == "MEDIUM"));
        }
    }
}
