using ImageBuilderScan.Engine.Tests.Integration;

namespace ImageBuilderScan.Engine.Tests.Gate;

/// <summary>ARNs typed with a -Region they are not in: the gate refuses them, naming the parameter, before anything is sent.</summary>
public sealed class GateRegionTests
{
    private const string Us = "arn:aws:imagebuilder:us-east-1:111122223333:image/web/1.0.0/1";
    private const string Eu = "arn:aws:imagebuilder:eu-west-1:111122223333:image/web/1.0.0/1";
    private const string EuPipeline = "arn:aws:imagebuilder:eu-west-1:111122223333:image-pipeline/web";

    [Theory]
    [InlineData("builds")]
    [InlineData("pipelines")]
    [InlineData("baseline")]
    public async Task An_arn_of_another_region_than_the_one_given_is_refused_before_anything_is_sent(string where)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = 7 });
        using var client = ImageBuilderScanClient.Create(TestClientOptions.For(server, "us-east-1"));
        var gate = new ScanGate(client, new GateEvaluator());

        var error = Assert.Throws<ScanRegionException>(() => gate.RefuseOtherRegions(
            where == "builds" ? [Us, Eu] : [Us], where == "pipelines" ? [EuPipeline] : [], where == "baseline" ? Eu : null));
        Assert.Equal("RegionMismatch", error.ErrorId);
        Assert.Equal(["eu-west-1"], error.ArnRegions);
        Assert.Equal(0, server.Requests.Total);

        // In the region given, nothing is refused.
        gate.RefuseOtherRegions([Us], [], Us);
    }
}
