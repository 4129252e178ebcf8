using ImageBuilderScan.Engine.Tests.Integration;

namespace ImageBuilderScan.Engine.Tests.History;

/// <summary>A pipeline's history against the emulator on the sample data: order, states, counts, -Last, and the requests it sends.</summary>
public sealed class PipelineHistoryTests
{
    private const string Web = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/web-frontend-al2023";
    private const string Payments = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/payments-api-al2023";

    private static Task<EmulatorServer> Start() =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataFile = Path.Combine(RepoRoot.Path, "samples", "findings.json") });

    [Fact]
    public async Task Lists_builds_oldest_first_with_each_image_aggregations_counts_and_none_for_an_incomplete_scan()
    {
        await using var server = await Start();
        using var client = Emulated.Client(server);
        var history = await Listing.CollectAsync(new PipelineHistory(client).ReadAsync(Payments));

        Assert.Equal(["2.0.0", "2.1.0", "2.1.1", "2.2.0"], history.Select(h => h.ImageVersion));
        Assert.Equal(history.Select(h => h.DateCreated).Order(), history.Select(h => h.DateCreated));
        Assert.Equal([true, true, false, false], history.Select(h => h.ScanComplete));
        Assert.Equal([null, "SCANNING"], history.Skip(2).Select(h => h.ScanStatus));
        Assert.All(history.Skip(2), h => Assert.Equal((null, null, null, null), (h.Critical, h.High, h.Medium, h.All)));
        foreach (var build in history.Take(2))
        {
            var a = Assert.Single(await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = FilterNames.ImageBuildVersionArn, Values = [build.ImageBuildVersionArn] })));
            Assert.Equal((a.Critical, a.High, a.Medium, a.All), (build.Critical!.Value, build.High!.Value, build.Medium!.Value, build.All!.Value));
        }
    }

    [Fact]
    public async Task Last_keeps_the_newest_and_asks_states_and_counts_only_for_them()
    {
        await using var server = await Start();
        using var client = Emulated.Client(server);
        var history = await Listing.CollectAsync(new PipelineHistory(client).ReadAsync(Web, last: 1));

        var newest = Assert.Single(history);
        Assert.Equal("1.5.0", newest.ImageVersion);
        var requests = Emulated.ApiRequests(server);
        Assert.Single(requests, r => r.Operation == EmulatorOperation.GetImage);
        Assert.Single(requests, r => r.Operation == EmulatorOperation.ListImageScanFindingAggregations);
    }

    [Fact]
    public async Task Refuses_an_arn_that_is_not_a_pipeline_before_any_request()
    {
        await using var server = await Start();
        using var client = Emulated.Client(server);
        var error = await Assert.ThrowsAsync<Client.Errors.ScanInputException>(() =>
            Listing.CollectAsync(new PipelineHistory(client).ReadAsync("arn:aws:imagebuilder:us-east-1:111122223333:image/x/1.0.0/1")));
        Assert.Contains("ImagePipelineArn", error.Message);
        Assert.Empty(Emulated.ApiRequests(server));
    }

    [Theory]
    [InlineData("1.10.0", "1.9.0", 1)]
    [InlineData("1.2.0", "1.2.0", 0)]
    [InlineData("2.0", "2.0.0", 0)]
    [InlineData("1.0.0", "1.0.x", -1)]
    public void Versions_compare_part_by_part_as_numbers(string x, string y, int sign) =>
        Assert.Equal(sign, Math.Sign(BuildOrder.CompareVersions(x, y)));
}
