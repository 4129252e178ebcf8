
namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>Every response member of both operations is parsed into the flat records.</summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class ResponseParsingTests
{
    // Every ARN is of us-west-2, the region the test client signs for: a page naming another region's is refused (UnexpectedRegion).
    private const string AggregationsDocument = """
        {
          "requestId": "body-req-7",
          "aggregationType": "mixed",
          "unknownTopLevel": {"nested": [1, 2, {"x": null}]},
          "responses": [
            {"accountAggregation": {"accountId": "123456789012", "severityCounts": {"all": 10, "critical": 1, "high": 2, "medium": 3}}},
            {"imageAggregation": {"imageBuildVersionArn": "arn:aws-cn:imagebuilder:us-west-2:210987654321:image/web-server/1.2.3/4",
              "severityCounts": {"all": 9007199254740993, "critical": 0, "high": 0, "medium": 1, "low": 99}}},
            {"imagePipelineAggregation": {"imagePipelineArn": "arn:aws-us-gov:imagebuilder:us-west-2:123456789012:image-pipeline/nightly-build",
              "severityCounts": {"all": 5, "critical": 5, "high": 0, "medium": 0}}},
            {"vulnerabilityIdAggregation": {"vulnerabilityId": "CVE-2025-38064", "severityCounts": {"all": 1, "critical": 0, "high": 1, "medium": 0}}},
            {"someFutureAggregation": {"key": "x"}}
          ],
          "nextToken": "next-page"
        }
        """;

    [Fact]
    public async Task Aggregation_page_parses_every_member()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json(AggregationsDocument, requestId: "header-req"));
        using var client = ImageBuilderScanClient.Create(SdkTestSupport.Options(server));

        // Through the client: items are stamped with their page's request id and type (and region) once the page is checked.
        var page = await FirstPage(client.GetAggregationsAsync(new AggregationQuery { NextToken = "t0", FirstPageOnly = true }).Pages);

        Assert.Equal("body-req-7", page.RequestId);
        Assert.Equal("mixed", page.AggregationType);
        Assert.Equal("next-page", page.NextToken);
        Assert.Equal(5, page.Items.Count);
        Assert.All(page.Items, a => Assert.Equal("body-req-7", a.RequestId));
        Assert.All(page.Items, a => Assert.Equal("mixed", a.AggregationType));

        var account = page.Items[0];
        Assert.Equal((AggregationKind.Account, "123456789012", "123456789012"), (account.KindValue, account.Key, account.AccountId));
        Assert.Equal("us-west-2", account.Region);
        Assert.Equal((1L, 2L, 3L, 10L, 4L), (account.Critical, account.High, account.Medium, account.All, account.Other));

        var image = page.Items[1];
        Assert.Equal(AggregationKind.Image, image.KindValue);
        Assert.Equal("Image", image.Kind);
        Assert.Equal(image.Key, image.ImageBuildVersionArn);
        Assert.Equal(9007199254740993L, image.All);
        Assert.Equal(("aws-cn", "us-west-2", "210987654321"), (image.Partition, image.Region, image.AccountId));
        Assert.Equal(("web-server", "1.2.3", "4"), (image.ImageName, image.ImageVersion, image.ImageBuild));
        Assert.Null(image.PipelineName);

        var pipeline = page.Items[2];
        Assert.Equal(AggregationKind.ImagePipeline, pipeline.KindValue);
        Assert.Equal(pipeline.Key, pipeline.ImagePipelineArn);
        Assert.Equal(("aws-us-gov", "us-west-2", "123456789012", "nightly-build"), (pipeline.Partition, pipeline.Region, pipeline.AccountId, pipeline.PipelineName));
        Assert.Equal(5, pipeline.Critical);

        var vulnerability = page.Items[3];
        Assert.Equal((AggregationKind.VulnerabilityId, "CVE-2025-38064", "CVE-2025-38064"), (vulnerability.KindValue, vulnerability.Key, vulnerability.VulnerabilityId));
        Assert.Equal(1, vulnerability.High);

        Assert.Equal(AggregationKind.Unknown, page.Items[4].KindValue);
    }

    [Fact]
    public async Task Request_id_comes_from_the_header_when_the_body_has_none_and_empty_pages_are_fine()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json("""{"responses":[]}""", requestId: "header-only"));
        server.Enqueue(ScriptedResponse.Json("""{"responses":[{"accountAggregation":{"accountId":"123456789012","severityCounts":{"all":1}}}],"requestId":"late"}"""));
        using var client = ImageBuilderScanClient.Create(SdkTestSupport.Options(server));

        var empty = await FirstPage(client.GetAggregationsAsync(new AggregationQuery()).Pages);
        Assert.Empty(empty.Items);
        Assert.Equal("header-only", empty.RequestId);
        Assert.Null(empty.NextToken);

        var late = await FirstPage(client.GetAggregationsAsync(new AggregationQuery()).Pages);
        Assert.Equal("late", late.RequestId);
        Assert.Equal("late", Assert.Single(late.Items).RequestId);
    }

    private const string FindingsDocument = """
        {
          "requestId": "find-req-1",
          "nextToken": "f-next",
          "findings": [
            {
              "awsAccountId": "123456789012",
              "imageBuildVersionArn": "arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0/2",
              "imagePipelineArn": "arn:aws:imagebuilder:us-west-2:123456789012:image-pipeline/web",
              "type": "PACKAGE_VULNERABILITY",
              "description": "A flaw was found.",
              "title": "CVE-2025-38064 - kernel",
              "remediation": {"recommendation": {"text": "Update kernel", "url": "https://example.com/fix"}},
              "severity": "HIGH",
              "firstObservedAt": 1700000000.5,
              "updatedAt": 1700003600,
              "inspectorScore": 7.8,
              "inspectorScoreDetails": {"adjustedCvss": {"scoreSource": "NVD", "cvssSource": "NVD", "version": "3.1", "score": 7.5,
                "scoringVector": "CVSS:3.1/AV:N", "adjustments": [{"metric": "AV", "reason": "network"}, {"metric": "AC"}]}},
              "packageVulnerabilityDetails": {
                "vulnerabilityId": "CVE-2025-38064",
                "vulnerablePackages": [
                  {"name": "kernel", "version": "6.1.0", "sourceLayerHash": "sha256:abc", "epoch": 1, "release": "1.amzn2023", "arch": "X86_64",
                   "packageManager": "OS", "filePath": "/boot/vmlinuz", "fixedInVersion": "1:6.1.2-1.amzn2023", "remediation": "dnf update kernel"},
                  {"name": "kernel-headers", "version": "6.1.0", "epoch": 0}
                ],
                "source": "NVD",
                "cvss": [{"baseScore": 7.8, "scoringVector": "CVSS:3.1/AV:L", "version": "3.1", "source": "NVD"}],
                "relatedVulnerabilities": ["CVE-2025-0001", "CVE-2025-0002"],
                "sourceUrl": "https://nvd.nist.gov/vuln/detail/CVE-2025-38064",
                "vendorSeverity": "HIGH",
                "vendorCreatedAt": 1690000000,
                "vendorUpdatedAt": 1695000000,
                "referenceUrls": ["https://a.example", "https://b.example"],
                "futureMember": {"x": [1]}
              },
              "fixAvailable": "YES"
            },
            {"severity": "LOW", "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-1", "vulnerablePackages": [{"name": "zlib", "version": "1.2", "epoch": 0, "release": "3"}]}},
            {}
          ]
        }
        """;

    [Fact]
    public async Task Finding_page_parses_every_member()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        server.Enqueue(ScriptedResponse.Json(FindingsDocument));
        using var client = ImageBuilderScanClient.Create(SdkTestSupport.Options(server));

        var page = await FirstPage(client.GetFindingsAsync(new FindingQuery { FilterName = "severity", Values = ["HIGH"], PageSize = 25, FirstPageOnly = true }).Pages);

        Assert.Equal(("find-req-1", "f-next"), (page.RequestId, page.NextToken));
        Assert.Equal(3, page.Items.Count);
        var f = page.Items[0];
        Assert.Equal("123456789012", f.AccountId);
        Assert.Equal("arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0/2", f.ImageBuildVersionArn);
        Assert.Equal("arn:aws:imagebuilder:us-west-2:123456789012:image-pipeline/web", f.ImagePipelineArn);
        Assert.Equal(("PACKAGE_VULNERABILITY", "A flaw was found.", "CVE-2025-38064 - kernel", "HIGH"), (f.Type, f.Description, f.Title, f.Severity));
        Assert.Equal(("Update kernel", "https://example.com/fix"), (f.RemediationText, f.RemediationUrl));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), f.FirstObservedAt);
        Assert.Equal(DateTimeKind.Utc, f.FirstObservedAt!.Value.Kind);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1700003600), f.UpdatedAt);
        Assert.Equal(7.8, f.InspectorScore);
        Assert.Equal(("NVD", "NVD", "3.1", 7.5, "CVSS:3.1/AV:N"), (f.ScoreSource, f.CvssSource, f.CvssVersion, f.AdjustedCvssScore, f.ScoringVector));
        Assert.Equal([new CvssScoreAdjustment("AV", "network"), new CvssScoreAdjustment("AC", null)], f.ScoreAdjustments);
        Assert.Equal(("CVE-2025-38064", "NVD", "https://nvd.nist.gov/vuln/detail/CVE-2025-38064", "HIGH"), (f.VulnerabilityId, f.Source, f.SourceUrl, f.VendorSeverity));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1690000000), f.VendorCreatedAt);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1695000000), f.VendorUpdatedAt);
        Assert.Equal(["https://a.example", "https://b.example"], f.ReferenceUrls);
        Assert.Equal(["CVE-2025-0001", "CVE-2025-0002"], f.RelatedVulnerabilities);
        Assert.Equal([new CvssScore(7.8, "CVSS:3.1/AV:L", "3.1", "NVD")], f.Cvss);
        Assert.Equal(2, f.VulnerablePackages.Count);
        Assert.Equal(new VulnerablePackage
        {
            Name = "kernel", Version = "6.1.0", SourceLayerHash = "sha256:abc", Epoch = 1, Release = "1.amzn2023", Arch = "X86_64",
            PackageManager = "OS", FilePath = "/boot/vmlinuz", FixedInVersion = "1:6.1.2-1.amzn2023", Remediation = "dnf update kernel",
        }, f.VulnerablePackages[0]);
        Assert.Equal(("kernel", "1:6.1.0-1.amzn2023", "1:6.1.2-1.amzn2023"), (f.PackageName, f.InstalledVersion, f.FixedInVersion));
        Assert.Equal("YES", f.FixAvailable);
        Assert.Equal("find-req-1", f.RequestId);

        // Export-Csv writes ToString() of each property: the values, not a collection's type name.
        Assert.Equal("https://a.example; https://b.example", f.ReferenceUrls.ToString());
        Assert.Equal("CVE-2025-0001; CVE-2025-0002", f.RelatedVulnerabilities.ToString());
        Assert.Equal("NVD 3.1 7.8 CVSS:3.1/AV:L", f.Cvss.ToString());
        Assert.Equal("AV: network; AC", f.ScoreAdjustments.ToString());
        Assert.StartsWith("kernel 6.1.0 (fixed in 1:6.1.2-1.amzn2023); ", f.VulnerablePackages.ToString());
        Assert.Equal(("zlib", "1.2-3"), (page.Items[1].PackageName, page.Items[1].InstalledVersion));
        var empty = page.Items[2];
        Assert.Null(empty.PackageName);
        Assert.Empty(empty.VulnerablePackages);
        Assert.Empty(empty.Cvss);
    }

    [Theory]
    [InlineData("""{"responses":[{"accountAggregation":{"accountId":"123456789012","severityCounts":{"all":"10"}}}]}""")]
    [InlineData("""{"responses":{"accountAggregation":{}}}""")]
    [InlineData("""{"nextToken":5}""")]
    [InlineData("""{"responses":[{"imageAggregation":{"severityCounts":{"all":1}}}]}""")]
    [InlineData("""{"responses":[1]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"responses":[""")]
    [InlineData("""<html>oops</html>""")]
    [InlineData("")]
    public async Task Malformed_aggregation_bodies_are_protocol_errors(string body)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body, "bad-req") };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 1));

        var error = await Assert.ThrowsAsync<ScanProtocolException>(
            () => api.SendAsync(AggregationQuery.Listing.Request(null, [], null, null), CancellationToken.None));
        Assert.Equal("MalformedResponse", error.ErrorId);
        Assert.Equal("bad-req", error.RequestId);
    }

    [Theory]
    [InlineData("""{"findings":[{"firstObservedAt":"yesterday"}]}""")]
    [InlineData("""{"findings":[{"inspectorScore":"high"}]}""")]
    [InlineData("""{"findings":[{"packageVulnerabilityDetails":{"vulnerablePackages":[{"epoch":"1"}]}}]}""")]
    [InlineData("""{"findings":[{"packageVulnerabilityDetails":{"referenceUrls":[1]}}]}""")]
    [InlineData("""{"findings":[{"remediation":[]}]}""")]
    public async Task Malformed_finding_bodies_are_protocol_errors(string body)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer { Default = ScriptedResponse.Json(body) };
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, maxAttempts: 1));

        await Assert.ThrowsAsync<ScanProtocolException>(
            () => api.SendAsync(FindingQuery.Listing.Request(null, [], null, null), CancellationToken.None));
    }

    [Theory]
    [InlineData("2.0", null, null, "2.0")]
    [InlineData("2.0", 0, "1.el9", "2.0-1.el9")]
    [InlineData("2.0", 3, null, "3:2.0")]
    [InlineData("2.0", 3, "", "3:2.0")]
    [InlineData(null, 3, "1", null)]
    public void Installed_version_is_epoch_version_release(string? version, int? epoch, string? release, string? expected)
        => Assert.Equal(expected, new VulnerablePackage { Version = version, Epoch = epoch, Release = release }.InstalledVersion());

    private static async Task<ScanPage<T>> FirstPage<T>(IAsyncEnumerable<ScanPage<T>> pages)
    {
        await foreach (var page in pages) return page;
        throw new InvalidOperationException("no page");
    }
}
