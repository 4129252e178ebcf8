using System.Text.Json.Nodes;
using static ImageBuilderScan.Engine.Tests.Integration.InlineData;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// <c>ListImageBuildVersions</c> (docs/adding-an-operation.md's walked-through listing) against the emulator over HTTP
/// with SigV4: several pages by <c>maxResults</c>, every build of the version exactly once and newest first, the token
/// chain (each request carries the token of the page before it, the last page has none), exactly as many requests as
/// pages, a resume from a page's token, and the same builds in the same order as the AWS CLI's paginator gets.
/// </summary>
public sealed class ListImageBuildVersionsTests : IAsyncLifetime
{
    private const int Builds = 7;
    private static readonly string Pipeline = PipelineArn("web"), Version = VersionArn("web", "2.0.0");

    private EmulatorServer _server = null!;

    public async Task InitializeAsync()
    {
        // Seven builds of one version, one a day (build 7 newest), and neighbours that are not the version's builds:
        // another version of the image and the same version in another account.
        var images = new JsonArray();
        for (var build = 1; build <= Builds; build++) images.Add(Image($"{Version}/{build}", Pipeline, 1_750_000_000 + (build * 86_400L)));
        images.Add(Image(VersionArn("web", "2.0.1") + "/1", Pipeline, 1_760_000_000));
        images.Add(Image(VersionArn("web", "2.0.0", "444455556666") + "/1", PipelineArn("web", "444455556666"), 1_760_000_000));
        _server = await InlineData.StartAsync(images, new JsonArray(Finding($"{Version}/{Builds}", Pipeline, "CVE-2024-1000")));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The version's builds as the data set holds them, newest first: what every listing must give.</summary>
    private string[] Expected() => _server.Data.ImagesNewestFirst(i => i.Arn.StartsWith(Version + "/", StringComparison.Ordinal)).Select(i => i.Arn).ToArray();

    private List<RecordedRequest> Requests() => Emulated.ApiRequests(_server).Where(r => r.Operation == EmulatorOperation.ListImageBuildVersions).ToList();

    private static string? Member(RecordedRequest request, string name)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(25)]
    public async Task Every_build_arrives_exactly_once_newest_first_over_a_chain_of_tokens_one_request_per_page(int pageSize)
    {
        _server.Reset();
        using var client = Emulated.Client(_server);

        var pages = await Listing.CollectAsync(client.GetImageBuildVersionsAsync(new ImageBuildVersionsQuery { Values = [Version], PageSize = pageSize }).Pages);

        var expected = Expected();
        Assert.Equal(Builds, expected.Length);
        Assert.Equal($"{Version}/{Builds}", expected[0]);
        var arns = pages.SelectMany(p => p.Items).Select(i => i.Arn).ToArray();
        Assert.Equal(expected, arns);
        Assert.Equal(arns.Length, arns.Distinct(StringComparer.Ordinal).Count());
        var pageCount = (Builds + pageSize - 1) / pageSize;
        Assert.Equal(Enumerable.Range(0, pageCount).Select(i => Math.Min(pageSize, Builds - (i * pageSize))), pages.Select(p => p.Items.Count));

        // One request per page, no more: the first without a token, each next one with the token of the page before it.
        var requests = Requests();
        Assert.Equal(pageCount, requests.Count);
        Assert.Equal(pageCount, _server.Requests.BuildVersions);
        Assert.All(requests, r => Assert.Equal((Version, pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)), (Member(r, "imageVersionArn"), Member(r, "maxResults"))));
        Assert.Null(Member(requests[0], "nextToken"));
        Assert.Null(pages[0].RequestToken);
        for (var i = 1; i < pageCount; i++)
        {
            Assert.NotNull(pages[i - 1].NextToken);
            Assert.Equal(pages[i - 1].NextToken, Member(requests[i], "nextToken"));
            Assert.Equal(pages[i - 1].NextToken, pages[i].RequestToken);
        }
        Assert.Null(pages[^1].NextToken);
        Assert.Equal(0, _server.Requests.AuthenticationFailures);
    }

    [Fact]
    public async Task A_pages_token_resumes_with_exactly_the_builds_after_it()
    {
        _server.Reset();
        var query = new ImageBuildVersionsQuery { Values = [Version], PageSize = 3 };
        using var client = Emulated.Client(_server);

        var first = await Listing.FirstAsync(client.GetImageBuildVersionsAsync(query).Pages);
        var rest = await Listing.CollectAsync(client.GetImageBuildVersionsAsync(query with { NextToken = first.NextToken }));

        Assert.Equal(Expected(), first.Items.Concat(rest).Select(i => i.Arn));
        // The resumed listing started from the token: requests 2 and 3 of the chain, the first carrying the token.
        var requests = Requests();
        Assert.Equal(3, requests.Count);
        Assert.Equal(first.NextToken, Member(requests[1], "nextToken"));
    }

    [AwsCliFact]
    public async Task The_cli_and_the_engine_get_the_same_builds_in_the_same_order_in_as_many_requests()
    {
        _server.Reset();
        using var client = Emulated.Client(_server);
        var engine = await Listing.CollectAsync(client.GetImageBuildVersionsAsync(new ImageBuildVersionsQuery { Values = [Version], PageSize = 3 }));
        var engineRequests = _server.Requests.BuildVersions;

        // botocore's paginator follows nextToken; --page-size sets maxResults.
        var cli = await AwsCli.RunAsync(_server, Emulated.Region, "list-image-build-versions", "--image-version-arn", Version, "--page-size", "3");

        var cliArns = cli["imageSummaryList"]!.AsArray().Select(i => i!["arn"]!.GetValue<string>()).ToArray();
        Assert.Equal(Expected(), cliArns);
        Assert.Equal(cliArns, engine.Select(i => i.Arn));
        Assert.Equal(3, engineRequests);
        Assert.Equal(3, _server.Requests.BuildVersions - engineRequests);
    }

    [Fact]
    public async Task A_build_arn_is_refused_before_any_request_and_a_service_error_is_the_clients_exception()
    {
        _server.Reset();
        using var client = Emulated.Client(_server, maxAttempts: 1);

        await Assert.ThrowsAsync<ScanInputException>(() => Listing.CollectAsync(client.GetImageBuildVersionsAsync(new ImageBuildVersionsQuery { Values = [$"{Version}/1"] })));
        Assert.Equal(0, _server.Requests.Total);

        _server.Faults.Add(new FaultPlan { Kind = FaultKind.Error, ErrorCode = "ForbiddenException", StatusCode = 403, Operation = EmulatorOperation.ListImageBuildVersions });
        var error = await Emulated.FailsBeforeAnyItem(client.GetImageBuildVersionsAsync(new ImageBuildVersionsQuery { Values = [Version] }));
        Assert.Equal(("ForbiddenException", 403), (error.ErrorCode, error.StatusCode));
        Assert.Single(Requests());
    }
}
