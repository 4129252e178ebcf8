using System.Text.Json.Nodes;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// A small data set written in a test, in the emulator's documented file format: images (ARN, pipeline, creation
/// time, scanning) and HIGH openssl findings, and an emulator serving it. For what the generated data set has no
/// case of (a version with several builds, a pipeline whose builds were not all scanned).
/// </summary>
internal static class InlineData
{
    /// <summary>The account the data sets' builds are in unless a test says otherwise (the emulator's administrator).</summary>
    public const string Account = "111122223333";

    /// <summary>A pipeline ARN in us-east-1.</summary>
    public static string PipelineArn(string name, string account = Account) => $"arn:aws:imagebuilder:us-east-1:{account}:image-pipeline/{name}";

    /// <summary>An image version ARN in us-east-1 (no build number: append "/N" for a build).</summary>
    public static string VersionArn(string name, string version, string account = Account) => $"arn:aws:imagebuilder:us-east-1:{account}:image/{name}/{version}";

    public static JsonObject Image(string arn, string pipeline, long created, bool scanning = true) => new()
    {
        ["arn"] = arn, ["imagePipelineArn"] = pipeline, ["dateCreated"] = created, ["scanningEnabled"] = scanning,
    };

    /// <summary>A HIGH finding of <paramref name="id"/> in openssl (fixed in 1.0.1) on a build, in the build ARN's account.</summary>
    public static JsonObject Finding(string image, string pipeline, string id) => new()
    {
        ["awsAccountId"] = image.Split(':')[4], ["imageBuildVersionArn"] = image, ["imagePipelineArn"] = pipeline, ["type"] = "PACKAGE_VULNERABILITY",
        ["title"] = $"{id} - openssl", ["severity"] = "HIGH", ["fixAvailable"] = "YES",
        ["packageVulnerabilityDetails"] = new JsonObject
        {
            ["vulnerabilityId"] = id, ["source"] = "NVD",
            ["vulnerablePackages"] = new JsonArray(new JsonObject { ["name"] = "openssl", ["version"] = "1.0.0", ["fixedInVersion"] = "1.0.1" }),
        },
    };

    /// <summary>An emulator serving these images and findings (a data file's scoping: each request sees its region's).</summary>
    public static Task<EmulatorServer> StartAsync(JsonArray images, JsonArray findings) =>
        EmulatorServer.StartAsync(new EmulatorOptions { DataJson = new JsonObject { ["images"] = images, ["findings"] = findings }.ToJsonString() });
}
