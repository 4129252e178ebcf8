using static ImageBuilderScan.Engine.Tests.Paging.TestClients;

namespace ImageBuilderScan.Engine.Tests.Paging;

public sealed class ResumeTests
{
    // 25 values at 2 keys each, 4 keys a page: chunks of 10/10/5 values take 5 + 5 + 3 = 13 requests.
    private static readonly List<string> Values = Enumerable.Range(0, 25).Select(Pipeline).ToList();

    public static TheoryData<int, string> Failures => new()
    {
        { 0, "service" }, { 6, "service" }, { 12, "service" },
        { 0, "network" }, { 5, "network" }, { 12, "network" },
        { 3, "token" }, { 10, "token" },
    };

    private static ImageBuilderScanException Failure(string kind, int n) => kind switch
    {
        "service" => new ServiceUnavailableException("down", 503, $"req-{n}"),
        "network" => new ScanNetworkException("connection dropped mid-body", timedOut: false),
        _ => new InvalidPaginationTokenException("expired", 400, $"req-{n}"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Aggregation_failure_carries_resume_point_and_resuming_yields_exactly_the_rest(int failAt, string kind)
    {
        var api = new FakeTransport { PageSize = 4, KeysPerValue = _ => 2, FailAt = n => n == failAt ? Failure(kind, n) : null };
        using var client = Over(api);
        var query = new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = Values };

        var emitted = new List<string?>();
        var error = await Assert.ThrowsAnyAsync<ImageBuilderScanException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(query)) emitted.Add(a.Key);
        });

        var failed = api.AggregationRequests[failAt];
        var resume = Assert.IsType<ResumePoint>(error.Resume);
        Assert.Equal(FilterNames.ImagePipelineArn, resume.FilterName);
        Assert.Equal(failed.FilterValues, resume.FilterValues);
        Assert.Equal(failed.NextToken, resume.NextToken);
        var chunk = Values.IndexOf(failed.FilterValues[0]) / 10;
        Assert.Equal(Values.Skip((chunk + 1) * 10), resume.RemainingValues);
        Assert.Equal(failAt + 1, api.RequestCount);

        await ResumeAsync(resume, (values, token) => client.GetAggregationsAsync(query with { Values = values, NextToken = token }).Select(a => (string?)a.Key), emitted);

        Assert.Equal(api.KeysFor(Values), emitted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    public async Task Finding_failure_carries_resume_point_and_resuming_yields_exactly_the_rest(int failAt)
    {
        // Three values at 7 keys, 3 a page: 3 requests each.
        string[] values = ["CVE-2024-0001", "GHSA-abcd-efgh-jkmp", "RHSA-2024:1234"];
        var api = new FakeTransport { FailAt = n => n == failAt ? new CallRateLimitExceededException("slow down", 429, $"req-{n}") : null };
        using var client = Over(api);
        var query = new FindingQuery { FilterName = FilterNames.VulnerabilityId, Values = values, PageSize = 3 };

        var emitted = new List<string?>();
        var error = await Assert.ThrowsAsync<CallRateLimitExceededException>(async () =>
        {
            await foreach (var f in client.GetFindingsAsync(query)) emitted.Add(f.VulnerabilityId);
        });

        var failed = api.FindingRequests[failAt];
        var resume = error.Resume!;
        Assert.Equal(failed.FilterValues, resume.FilterValues);
        Assert.Equal(failed.NextToken, resume.NextToken);
        Assert.Equal(values.Skip(failAt / 3 + 1), resume.RemainingValues);

        await ResumeAsync(resume, (values, token) => client.GetFindingsAsync(query with { Values = values, NextToken = token }).Select(f => f.VulnerabilityId), emitted);

        Assert.Equal(api.KeysFor(values), emitted);
    }

    [Fact]
    public async Task Unfiltered_failure_resumes_with_no_values()
    {
        var api = new FakeTransport { FailAt = n => n == 1 ? new ServiceException("boom", 500, "req-1") : null };
        using var client = Over(api);

        var emitted = new List<string>();
        var error = await Assert.ThrowsAsync<ServiceException>(async () =>
        {
            await foreach (var a in client.GetAggregationsAsync(new AggregationQuery())) emitted.Add(a.Key);
        });

        Assert.Null(error.Resume!.FilterName);
        Assert.Empty(error.Resume.FilterValues);
        Assert.Empty(error.Resume.RemainingValues);
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { NextToken = error.Resume.NextToken }).Select(a => a.Key), emitted);
        Assert.Equal(api.KeysFor([null]), emitted);
    }

    /// <summary>Resumes as a user would: the failed request's values from its token, then the values after them (if any).</summary>
    private static async Task ResumeAsync(ResumePoint resume, Func<IReadOnlyList<string>, string?, IAsyncEnumerable<string?>> list, List<string?> emitted)
    {
        await Listing.CollectAsync(list(resume.FilterValues, resume.NextToken), emitted);
        if (resume.RemainingValues.Count > 0) await Listing.CollectAsync(list(resume.RemainingValues, null), emitted);
    }
}
