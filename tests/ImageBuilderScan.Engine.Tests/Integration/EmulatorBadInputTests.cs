
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// A bad query is refused when the listing is asked for, naming the parameter, and the emulator never sees a
/// request (its log counts every request that reaches an API path, before any signature check).
/// </summary>
public sealed class EmulatorBadInputTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    private const string Pipeline = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web";
    private static readonly string LongToken = new('t', QueryValidator.MaxTokenLength + 1);
    private static readonly string[] ElevenPipelines = Enumerable.Range(1, 11).Select(i => $"{Pipeline}-{i}").ToArray();

    private static readonly Dictionary<string, (AggregationQuery Query, string Parameter)> BadAggregations = new()
    {
        ["pipeline ARN of an image"] = (new() { FilterName = FilterNames.ImagePipelineArn, Values = ["arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1"] }, "ImagePipelineArn"),
        ["image ARN that is no ARN"] = (new() { FilterName = FilterNames.ImageBuildVersionArn, Values = ["not-an-arn"] }, "ImageBuildVersionArn"),
        ["image ARN without build"] = (new() { FilterName = FilterNames.ImageBuildVersionArn, Values = ["arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0"] }, "ImageBuildVersionArn"),
        ["good then bad pipeline"] = (new() { FilterName = FilterNames.ImagePipelineArn, Values = [Pipeline, "arn:aws:imagebuilder:us-east-1:12345:image-pipeline/web"] }, "ImagePipelineArn"),
        ["short account"] = (new() { FilterName = FilterNames.AccountId, Values = ["12345"] }, "AccountId"),
        ["bad vulnerability id"] = (new() { FilterName = FilterNames.VulnerabilityId, Values = ["CVE-12"] }, "VulnerabilityId"),
        ["no pipeline values"] = (new() { FilterName = FilterNames.ImagePipelineArn, Values = [] }, "ImagePipelineArn"),
        ["no account values"] = (new() { FilterName = FilterNames.AccountId, Values = [] }, "AccountId"),
        ["unknown filter"] = (new() { FilterName = "severity", Values = ["HIGH"] }, "FilterName"),
        ["values without filter"] = (new() { Values = ["123456789012"] }, "FilterName"),
        ["empty token"] = (new() { NextToken = "" }, "NextToken"),
        ["too-long token"] = (new() { NextToken = LongToken }, "NextToken"),
        ["token with eleven values"] = (new() { FilterName = FilterNames.ImagePipelineArn, Values = ElevenPipelines, NextToken = "abc" }, "NextToken"),
    };

    private static readonly Dictionary<string, (FindingQuery Query, string Parameter)> BadFindings = new()
    {
        ["page size 0"] = (new() { PageSize = 0 }, "PageSize"),
        ["page size 26"] = (new() { PageSize = 26 }, "PageSize"),
        ["page size -1"] = (new() { PageSize = -1 }, "PageSize"),
        ["bad vulnerability id"] = (new() { FilterName = FilterNames.VulnerabilityId, Values = ["CVE-2024-"] }, "VulnerabilityId"),
        ["bad severity"] = (new() { FilterName = FilterNames.Severity, Values = ["EXTREME"] }, "Severity"),
        ["pipeline ARN as image"] = (new() { FilterName = FilterNames.ImageBuildVersionArn, Values = [Pipeline] }, "ImageBuildVersionArn"),
        ["no image values"] = (new() { FilterName = FilterNames.ImageBuildVersionArn, Values = [] }, "ImageBuildVersionArn"),
        ["account filter"] = (new() { FilterName = FilterNames.AccountId, Values = ["123456789012"] }, "FilterName"),
        ["too-long token"] = (new() { NextToken = LongToken }, "NextToken"),
        ["token with two values"] = (new() { FilterName = FilterNames.Severity, Values = ["HIGH", "LOW"], NextToken = "abc" }, "NextToken"),
    };

    public static TheoryData<string> AggregationCases => new(BadAggregations.Keys);
    public static TheoryData<string> FindingCases => new(BadFindings.Keys);

    [Theory]
    [MemberData(nameof(AggregationCases))]
    public Task Bad_aggregation_query_is_refused_before_any_request(string name) =>
        RefusedBeforeAnyRequestAsync(client => client.GetAggregationsAsync(BadAggregations[name].Query), BadAggregations[name].Parameter);

    [Theory]
    [MemberData(nameof(FindingCases))]
    public Task Bad_finding_query_is_refused_before_any_request(string name) =>
        RefusedBeforeAnyRequestAsync(client => client.GetFindingsAsync(BadFindings[name].Query), BadFindings[name].Parameter);

    /// <summary>
    /// The listing is refused both ways it can be asked for (its pages and its items), each naming the parameter,
    /// and the emulator saw no request.
    /// </summary>
    private async Task RefusedBeforeAnyRequestAsync<T>(Func<ImageBuilderScanClient, ScanListing<T>> listing, string parameter)
    {
        var server = await pool.Get();
        using var client = Emulated.Client(server);

        var pages = Assert.Throws<ScanInputException>(() => listing(client).Pages);
        var items = Assert.Throws<ScanInputException>(() => listing(client));

        Assert.Equal(parameter, pages.ParameterName);
        Assert.Equal(parameter, items.ParameterName);
        Assert.StartsWith(parameter + ":", pages.Message);
        Assert.Equal(0, server.Requests.Total);
    }

    [Fact]
    public async Task The_same_client_then_sends_a_good_query()
    {
        // Guards the tables above: the client and emulator do work, so a count of 0 means "refused", not "broken".
        var server = await pool.Get();
        using var client = Emulated.Client(server);
        Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(BadAggregations["short account"].Query));
        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));
        Assert.NotEmpty(got);
        Assert.Equal(1, server.Requests.Total);
    }
}
