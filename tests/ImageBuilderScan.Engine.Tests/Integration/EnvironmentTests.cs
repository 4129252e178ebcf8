using ImageBuilderScan.Engine.Tests.Sdk;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// AWS_ENDPOINT_URL_IMAGEBUILDER and AWS_REGION bring a client with no endpoint or region of its own to the
/// emulator, signed for that region; explicit options still win. Runs in the collection of the other
/// environment-changing tests, never beside them.
/// </summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class EnvironmentTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    [Theory]
    [InlineData("eu-central-1")]
    [InlineData("ap-southeast-2")]
    public async Task Endpoint_and_region_come_from_the_environment(string region)
    {
        var server = await pool.Get();
        using var env = new EnvironmentScope();
        env.Set("AWS_ENDPOINT_URL_IMAGEBUILDER", server.BaseAddress.ToString()).Set("AWS_REGION", region);
        using var client = ImageBuilderScanClient.Create(new ScanClientOptions
        {
            AccessKey = server.Options.AccessKeyId, SecretKey = server.Options.SecretAccessKey, MaxAttempts = 1,
        });

        var got = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery()));

        Assert.Equal(server.Data.Aggregations(FilterNames.AccountId).Select(Emulated.Row), got.Select(Emulated.Row));
        Assert.Equal(region, client.Connection.Region);
        var request = Assert.Single(Emulated.ApiRequests(server));
        Assert.Contains($"/{region}/imagebuilder/aws4_request", request.Headers["authorization"]);
        Assert.Equal(200, request.StatusCode);
    }

    [Fact]
    public async Task Credentials_from_the_environment_are_accepted_by_the_emulator()
    {
        var server = await pool.Get();
        using var env = new EnvironmentScope();
        env.Set("AWS_ENDPOINT_URL_IMAGEBUILDER", server.BaseAddress.ToString()).Set("AWS_REGION", Emulated.Region)
            .Set("AWS_ACCESS_KEY_ID", server.Options.AccessKeyId).Set("AWS_SECRET_ACCESS_KEY", server.Options.SecretAccessKey);
        using var client = ImageBuilderScanClient.Create(new ScanClientOptions());

        Assert.NotEmpty(await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { PageSize = 25 })));
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task Explicit_endpoint_and_region_win_over_the_environment()
    {
        var server = await pool.Get();
        using var env = new EnvironmentScope();
        // The environment points at a port nothing listens on; the explicit endpoint must be used instead.
        env.Set("AWS_ENDPOINT_URL_IMAGEBUILDER", "http://127.0.0.1:9/").Set("AWS_REGION", "eu-west-3");
        using var client = Emulated.Client(server);

        Assert.NotEmpty(await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery())));

        Assert.Contains($"/{Emulated.Region}/imagebuilder/aws4_request", Assert.Single(Emulated.ApiRequests(server)).Headers["authorization"]);
    }
}
