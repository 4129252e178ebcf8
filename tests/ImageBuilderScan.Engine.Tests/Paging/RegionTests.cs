
namespace ImageBuilderScan.Engine.Tests.Paging;

/// <summary>
/// A query by ARN goes to the ARNs' region unless the region was given; another region than a given one,
/// or ARNs of several regions, are refused before anything is sent, naming the regions.
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

    [Theory]
    [InlineData("option")]
    [InlineData("AWS_REGION")]
    public void ARNs_of_several_regions_are_refused_naming_them(string source)
    {
        var (client, main, _, _) = Client(source);
        using var _ = client;
        var error = Assert.Throws<ScanRegionException>(() =>
            client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu] }).Pages);
        Assert.Equal("MixedRegions", error.ErrorId);
        Assert.Contains("2 regions (us-east-1, eu-west-1)", error.Message);
        Assert.Equal(0, main.RequestCount);
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

        // Several regions still name them, with no client region to name.
        var mixed = Assert.Throws<ScanRegionException>(() =>
            client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [Us, Eu] }).Pages);
        Assert.Null(mixed.ClientRegion);
        Assert.Equal(2, regional.RequestCount);
        Assert.Equal(["eu-west-1"], built);
    }
}
