
namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>
/// A query by ARN goes to the ARNs' region unless the region was given, ARNs of several regions each to their own
/// (as piped ones); another region than a given one is refused before anything is sent, naming the regions.
/// </summary>
public sealed class RegionTests
{
    private const string Eu = "arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.0/1";
    private const string Us = "arn:aws:imagebuilder:us-east-1:123456789012:image/web/1.0.0/1";

    private static (ImageBuilderScanClient Client, FakeTransport Default, List<string> Built, FakeTransport Regional) Client(string source)
    {
        var (main, regional, built) = (new FakeTransport { KeysPerValue = _ => 1 }, new FakeTransport { KeysPerValue = _ => 1 }, new List<string>());
        var client = new ImageBuilderScanClient(main, new ScanConnectionInfo("us-east-1", "http://fake.invalid", "test", 1) { RegionSource = source },
            null, region => { built.Add(region); return regional; });
        return (client, main, built, regional);
    }

    [Fact]
    public async Task Without_a_given_region_an_ARN_of_another_region_is_asked_in_its_own()
    {
        var (client, main, built, regional) = Client("AWS_REGION");
        using var _ = client;
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Eu] }));
        await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Eu] }));
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us] }));
        Assert.Equal(["eu-west-1"], built); // one client per region, reused
        Assert.Equal(2, regional.RequestCount);
        Assert.Equal(1, main.RequestCount);
    }

    [Fact]
    public void A_given_region_refuses_an_ARN_of_another_naming_both_before_sending()
    {
        var (client, main, built, _) = Client(RegionSources.Option);
        using var _ = client;
        var error = Assert.Throws<ScanRegionException>(() =>
            client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImagePipelineArn, Values = ["arn:aws:imagebuilder:eu-west-1:123456789012:image-pipeline/p"] }).Pages);
        Assert.Equal("RegionMismatch", error.ErrorId);
        Assert.Equal(["eu-west-1"], error.ArnRegions);
        Assert.Equal("us-east-1", error.ClientRegion);
        Assert.Contains("eu-west-1", error.Message);
        Assert.Contains("us-east-1", error.Message);
        Assert.Equal((0, 0), (main.RequestCount, built.Count));
    }

    [Fact]
    public async Task ARNs_of_several_regions_are_asked_each_in_its_own_region_in_the_order_given()
    {
        const string Us2 = "arn:aws:imagebuilder:us-east-1:123456789012:image/api/2.0.0/1";
        const string Eu2 = "arn:aws:imagebuilder:eu-west-1:123456789012:image/api/2.0.0/1";
        var transports = new Dictionary<string, FakeTransport>
        {
            ["us-east-1"] = new() { KeysPerValue = _ => 1, PageSize = 1 },
            ["eu-west-1"] = new() { KeysPerValue = _ => 1, PageSize = 1 },
        };
        var built = new List<string>();
        using var client = new ImageBuilderScanClient(null, new ScanConnectionInfo(null, null, "test", 1) { RegionSource = RegionSources.None },
            null, region => { built.Add(region); return transports[region]; }) { Concurrency = 4 };

        var findings = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu, Us2, Eu2] }));
        Assert.Equal([$"{Us}|0", $"{Eu}|0", $"{Us2}|0", $"{Eu2}|0"], findings.Select(f => f.VulnerabilityId));
        // Asked up to four at once (in any order), each in its own region; written in the order given, above.
        Assert.Equal([[Us2], [Us]], transports["us-east-1"].FindingRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues).OrderBy(v => v[0], StringComparer.Ordinal));
        Assert.Equal([[Eu2], [Eu]], transports["eu-west-1"].FindingRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues).OrderBy(v => v[0], StringComparer.Ordinal));

        // Ten values a request, but never two regions' in one: runs of one region, in the order given.
        var aggregations = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Us2, Eu, Eu2] }));
        Assert.Equal([$"{Us}|0", $"{Us2}|0", $"{Eu}|0", $"{Eu2}|0"], aggregations.Select(a => a.Key));
        Assert.Equal([[Us, Us2]], transports["us-east-1"].AggregationRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues));
        Assert.Equal([[Eu, Eu2]], transports["eu-west-1"].AggregationRequests.Where(r => r.NextToken is null).Select(r => r.FilterValues));
        Assert.Equal(["us-east-1", "eu-west-1"], built); // one client per region, reused
    }

    [Theory]
    [InlineData("option")]
    [InlineData("AWS_REGION")]
    public async Task A_region_not_given_splits_ARNs_of_several_regions_and_a_given_one_refuses_them_before_sending(string source)
    {
        var (client, main, built, regional) = Client(source);
        using var _ = client;
        var query = new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu] };
        if (source == RegionSources.Option)
        {
            var error = Assert.Throws<ScanRegionException>(() => client.GetAggregationsAsync(query).Pages);
            Assert.Equal("RegionMismatch", error.ErrorId);
            Assert.Equal(["eu-west-1"], error.ArnRegions);
            Assert.Contains("The ARN is in eu-west-1, but the region given (-Region) is us-east-1", error.Message);
            Assert.Equal((0, 0, 0), (main.RequestCount, regional.RequestCount, built.Count));
            return;
        }

        Assert.Equal(2, (await Listing.CollectAsync(client.GetAggregationsAsync(query))).Count);
        Assert.Equal([[Us]], main.AggregationRequests.Select(r => r.FilterValues));
        Assert.Equal([[Eu]], regional.AggregationRequests.Select(r => r.FilterValues));
    }

    [Fact]
    public void A_token_or_a_single_page_is_refused_for_ARNs_of_several_regions_before_sending()
    {
        var (client, main, _, regional) = Client("AWS_REGION");
        using var _ = client;
        var token = Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(
            new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu], NextToken = "t" }).Pages);
        Assert.Equal("NextToken", token.ParameterName);
        Assert.Contains("need 2 requests", token.Message);
        var page = Assert.Throws<ScanInputException>(() => client.GetAggregationsAsync(
            new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu], FirstPageOnly = true }).Pages);
        Assert.Equal(nameof(ListingQuery.FirstPageOnly), page.ConflictsWith);
        Assert.Equal((0, 0), (main.RequestCount, regional.RequestCount));
    }

    [Fact]
    public async Task Queries_without_ARNs_stay_in_the_client_region()
    {
        var (client, main, built, _) = Client("AWS_REGION");
        using var _ = client;
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["123456789012"] }));
        await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.VulnerabilityId, Values = ["CVE-2024-6387"] }));
        Assert.Empty(built);
        Assert.Equal(2, main.RequestCount);
    }

    [Fact]
    public async Task With_no_region_set_a_query_by_ARN_goes_to_its_region_and_any_other_is_refused_before_sending()
    {
        var (regional, built) = (new FakeTransport { KeysPerValue = _ => 1 }, new List<string>());
        using var client = new ImageBuilderScanClient(null, new ScanConnectionInfo(null, null, "test", 1) { RegionSource = RegionSources.None },
            null, region => { built.Add(region); return regional; });

        await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Eu] }));
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Eu] }));
        Assert.Equal(["eu-west-1"], built); // one client for the ARN's region, reused
        Assert.Equal(2, regional.RequestCount);

        foreach (var refused in new Func<object>[]
                 {
                     () => client.GetAggregationsAsync(new AggregationQuery()).Pages,
                     () => client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.VulnerabilityId, Values = ["CVE-2024-6387"] }).Pages,
                 })
        {
            var error = Assert.Throws<ScanConfigurationException>(refused);
            Assert.Equal("NoRegion", error.ErrorId);
            Assert.True(error.IsFatalConfiguration);
            Assert.Contains("AWS_REGION", error.Message);
            Assert.Contains("ARN", error.Message);
        }

        Assert.Equal(2, regional.RequestCount);
        Assert.Equal(["eu-west-1"], built);
    }
}
