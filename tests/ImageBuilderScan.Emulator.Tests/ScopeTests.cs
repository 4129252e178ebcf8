using System.Text;
using System.Xml.Linq;
using ImageBuilderScan.Tests.Shared;

namespace ImageBuilderScan.Emulator.Tests;

/// <summary>Regions and accounts: a request sees its signing region's data, and a role's credentials only its account's.</summary>
public sealed class ScopeTests
{
    private const string WebEu = "arn:aws:imagebuilder:eu-west-1:111122223333:image-pipeline/web-frontend-al2023";

    [Fact]
    public async Task A_request_sees_only_the_findings_aggregations_and_images_of_its_signing_region()
    {
        await using var server = await TestData.Sample();
        using var eu = new EmulatorCaller(server) { Region = "eu-west-1" };
        using var us = new EmulatorCaller(server);
        var euFindings = (await eu.Findings(new { maxResults = 25 })).Json["findings"]!.AsArray();
        Assert.Equal(2, euFindings.Count);
        Assert.All(euFindings, f => Assert.StartsWith("arn:aws:imagebuilder:eu-west-1:", f!["imageBuildVersionArn"]!.GetValue<string>()));
        Assert.Equal(server.Visible("eu-west-1").Aggregations("accountId"), await eu.AllAggregations());
        Assert.Equal(2, (await eu.PipelineImages(new { imagePipelineArn = WebEu })).Json["imageSummaryList"]!.AsArray().Count);
        Assert.Equal(404, (await us.PipelineImages(new { imagePipelineArn = WebEu })).Status);
        Assert.Equal(404, (await us.GetImage("arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.5.0/1")).Status);
        using var empty = new EmulatorCaller(server) { Region = "ap-south-1" };
        Assert.Empty((await empty.AllAggregations()));
    }

    [Fact]
    public async Task A_page_token_of_one_region_is_refused_in_another()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, FindingsPageSize = 1 });
        using var us = new EmulatorCaller(server);
        using var eu = new EmulatorCaller(server) { Region = "eu-west-1" };
        var token = (await us.Findings()).NextToken;
        Assert.NotNull(token);
        Assert.Equal("InvalidPaginationTokenException", (await eu.Findings(new { nextToken = token })).ErrorType);
    }

    [Fact]
    public async Task The_default_generated_data_answers_every_region_and_regions_spread_it()
    {
        await using var plain = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var anywhere = new EmulatorCaller(plain) { Region = "ap-southeast-2" };
        Assert.Equal(plain.Data.Aggregations("accountId"), await anywhere.AllAggregations());

        await using var spread = await EmulatorServer.StartAsync(new EmulatorOptions { Regions = ["us-east-1", "eu-west-1"] });
        Assert.Equal(["eu-west-1", "us-east-1"], spread.Data.Regions);
        using var eu = new EmulatorCaller(spread) { Region = "eu-west-1" };
        var got = await eu.AllAggregations(new { name = "imageBuildVersionArn", values = spread.Data.Aggregations("imageBuildVersionArn").Select(a => a.Key).Take(10).ToArray() });
        Assert.NotEmpty(got);
        Assert.All(got, a => Assert.Contains(":eu-west-1:", a.Key));
        // Without --regions the generator is exactly what it was: the same findings in us-east-1.
        Assert.Equal(new FindingsDataSet(FindingsGenerator.Generate(new EmulatorOptions())).Findings.Select(f => f.Json), plain.Data.Findings.Select(f => f.Json));
        Assert.All(plain.Data.Findings, f => Assert.Equal("us-east-1", f.Region));
    }

    [Fact]
    public async Task A_disabled_region_is_refused_as_AWS_refuses_a_region_not_enabled()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, DisabledRegions = ["ap-east-1"] });
        using var caller = new EmulatorCaller(server) { Region = "ap-east-1" };
        var reply = await caller.Aggregations();
        Assert.Equal((403, "UnrecognizedClientException"), (reply.Status, reply.ErrorType));
        Assert.Equal("The security token included in the request is invalid.", reply.Json["message"]!.GetValue<string>());
        Assert.Equal(200, (await new EmulatorCaller(server).Aggregations()).Status);
    }

    [Fact]
    public async Task Role_credentials_see_only_their_account_and_the_administrators_see_every_account()
    {
        await using var server = await TestData.Sample();
        var member = await Assume(server, "arn:aws:iam::444455556666:role/scanner");
        Assert.Equal(["444455556666"], (await member.AllAggregations()).Select(a => a.Key));
        Assert.Equal(404, (await member.GetImage("arn:aws:imagebuilder:us-east-1:111122223333:image/payments-api-al2023/2.0.0/1")).Status);
        Assert.Equal(200, (await member.GetImage("arn:aws:imagebuilder:us-east-1:444455556666:image/batch-worker-ubuntu/3.4.0/1")).Status);
        var admin = await Assume(server, $"arn:aws:iam::{EmulatorOptions.DefaultAdminAccountId}:role/scanner");
        Assert.Equal(["111122223333", "444455556666"], (await admin.AllAggregations()).Select(a => a.Key));
        Assert.Equal(["111122223333", "444455556666"], (await new EmulatorCaller(server).AllAggregations()).Select(a => a.Key));
    }

    [Fact]
    public async Task Short_sessions_honour_DurationSeconds_and_expire_with_ExpiredTokenException()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataFile = TestData.SamplePath, MinSessionSeconds = 5 });
        // The emulator's clock stands still, then jumps past the expiry: no waiting, no race with a slow machine.
        var t0 = DateTimeOffset.UtcNow;
        server.Clock = () => t0;
        var caller = await Assume(server, "arn:aws:iam::444455556666:role/scanner", duration: 5);
        Assert.Equal(t0.AddSeconds(5), Assert.Single(server.Sessions.Issued).Expiration);
        Assert.Equal(200, (await caller.Aggregations()).Status);
        server.Clock = () => t0.AddSeconds(6);
        var reply = await caller.Aggregations();
        Assert.Equal((403, "ExpiredTokenException"), (reply.Status, reply.ErrorType));

        await using var strict = await TestData.Sample();
        var tooShort = await StsPost(strict, "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fx&RoleSessionName=ci&DurationSeconds=5");
        Assert.Contains("<Code>ValidationError</Code>", tooShort);
    }

    private static async Task<EmulatorCaller> Assume(EmulatorServer server, string roleArn, int? duration = null)
    {
        var xml = XDocument.Parse(await StsPost(server, $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString(roleArn)}&RoleSessionName=ci"
            + (duration is { } d ? $"&DurationSeconds={d}" : "")));
        XNamespace sts = "https://sts.amazonaws.com/doc/2011-06-15/";
        var c = xml.Root!.Element(sts + "AssumeRoleResult")!.Element(sts + "Credentials")!;
        return new EmulatorCaller(server)
        {
            AccessKey = c.Element(sts + "AccessKeyId")!.Value, Secret = c.Element(sts + "SecretAccessKey")!.Value, SessionToken = c.Element(sts + "SessionToken")!.Value,
        };
    }

    private static async Task<string> StsPost(EmulatorServer server, string form)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var body = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseAddress, "/")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        SdkSigner.Sign(request, body, server.Options.AccessKeyId, server.Options.SecretAccessKey, "us-east-1", DateTimeOffset.UtcNow, service: "sts");
        using var response = await http.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }
}
