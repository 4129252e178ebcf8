using System.Text;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>Faults and latency that hit one region only, and faults on the image operations.</summary>
public sealed class RegionFaultTests
{
    [Fact]
    public async Task A_fault_with_a_region_hits_only_requests_signed_for_it()
    {
        await using var server = await TestData.Sample();
        using var us = new EmulatorCaller(server);
        using var eu = new EmulatorCaller(server) { Region = "eu-west-1" };
        server.Faults.Add(new FaultPlan { Kind = FaultKind.Throttle, Region = "eu-west-1", MaxCount = 2 });
        Assert.Equal(200, (await us.Aggregations()).Status);
        Assert.Equal(429, (await eu.Aggregations()).Status);
        Assert.Equal(429, (await eu.Findings()).Status);
        Assert.Equal(200, (await eu.Findings()).Status);
        // The us-east-1 request was not even counted (a spent plan counts nothing more).
        Assert.Equal((2, 2), (Assert.Single(server.Faults.Snapshot()).Seen, server.Faults.Snapshot()[0].Fired));
    }

    [Fact]
    public async Task Image_operations_take_faults_by_operation()
    {
        await using var server = await TestData.Sample();
        using var caller = new EmulatorCaller(server);
        server.Faults.Add(FaultSpec.Parse("service-unavailable:op=image"));
        server.Faults.Add(FaultSpec.Parse("malformed-body:op=pipeline-images,malformation=wrong-types"));
        const string arn = "arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.0.0/1";
        var mangled = await caller.PipelineImages(new { imagePipelineArn = "arn:aws:imagebuilder:us-east-1:111122223333:image-pipeline/payments-api-al2023" });
        Assert.Equal(System.Text.Json.JsonValueKind.Object, mangled.Json["imageSummaryList"]!.GetValueKind());
        Assert.Equal(503, (await caller.GetImage(arn)).Status);
        Assert.Equal(200, (await caller.GetImage(arn)).Status);
        Assert.Equal((1, 2), (server.Requests.PipelineImages, server.Requests.Images));
    }

    [Fact]
    public async Task Per_region_latency_is_added_only_to_that_regions_requests()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            DataFile = TestData.SamplePath,
            RegionLatencyMs = new Dictionary<string, int> { ["eu-west-1"] = 300 },
        });
        using var us = new EmulatorCaller(server);
        using var eu = new EmulatorCaller(server) { Region = "eu-west-1" };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(200, (await eu.Aggregations()).Status);
        // A lower bound only: added latency can never make a request faster.
        Assert.True(watch.ElapsedMilliseconds >= 300, $"eu-west-1 took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(200, (await us.Aggregations()).Status);
    }

    [Fact]
    public void Region_faults_latency_and_the_new_options_parse_from_the_command_line()
    {
        var o = EmulatorCommandLine.Parse(
        [
            "--fault", "latency:ms=50,region=eu-west-1,max=100", "--latency-ms", "20", "--region-latency", "eu-west-1=200",
            "--region-latency", "ap-south-1=300", "--regions", "us-east-1,eu-west-1", "--region-scope", "off", "--admin-account", "999988887777",
            "--min-session-seconds", "5", "--disabled-regions", "ap-east-1, me-south-1",
        ], out _);
        Assert.Equal(new FaultPlan { Kind = FaultKind.Latency, LatencyMs = 50, Region = "eu-west-1", MaxCount = 100 }, o.Faults[0]);
        Assert.Equal(20, o.LatencyMs);
        Assert.Equal(new Dictionary<string, int> { ["eu-west-1"] = 200, ["ap-south-1"] = 300 }, o.RegionLatencyMs);
        Assert.Equal(["us-east-1", "eu-west-1"], o.Regions!);
        Assert.Equal((RegionScope.Off, "999988887777", 5), (o.RegionScope, o.AdminAccountId, o.MinSessionSeconds));
        Assert.Equal(["ap-east-1", "me-south-1"], o.DisabledRegions);
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--region-latency", "eu-west-1"], out _));
        Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(["--region-scope", "sometimes"], out _));
    }
}
