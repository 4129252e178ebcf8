using System.Text.RegularExpressions;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>The request on the wire matches service-2.json for every filter kind, and is signed with SigV4.</summary>
[Collection(SdkEnvironmentCollection.Name)]
public sealed class SdkRequestFormatTests
{
    public static TheoryData<string?, string[]> AggregationFilters => new()
    {
        { null, [] },
        { FilterNames.AccountId, ["123456789012", "210987654321"] },
        { FilterNames.ImageBuildVersionArn, ["arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0/1"] },
        { FilterNames.ImagePipelineArn, ["arn:aws:imagebuilder:us-west-2:123456789012:image-pipeline/web"] },
        { FilterNames.VulnerabilityId, ["CVE-2025-38064", "ALAS2023-2025-1130", "GHSA-abcd-efgh-ijkl", "KB5023697"] },
    };

    [Theory]
    [MemberData(nameof(AggregationFilters))]
    public async Task Aggregation_request_carries_the_filter_and_token_as_the_model_says(string? filterName, string[] values)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server, sessionToken: SdkTestSupport.SessionToken));

        await api.SendAsync(AggregationQuery.Listing.Request(filterName, values, null, "token-1"), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/ListImageScanFindingAggregations", request.Target);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.Equal(SdkTestSupport.SessionToken, request.Headers["X-Amz-Security-Token"]);
        AssertSigned(request);

        using var body = JsonDocument.Parse(request.Body);
        var members = body.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("token-1", body.RootElement.GetProperty("nextToken").GetString());
        if (filterName is null)
        {
            Assert.Equal(["nextToken"], members);
            return;
        }
        Assert.Equal(["filter", "nextToken"], members);
        var filter = body.RootElement.GetProperty("filter");
        Assert.Equal(["name", "values"], filter.EnumerateObject().Select(p => p.Name));
        Assert.Equal(filterName, filter.GetProperty("name").GetString());
        Assert.Equal(values, filter.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("severity", "CRITICAL", 25, "abc")]
    [InlineData("imagePipelineArn", "arn:aws:imagebuilder:us-west-2:123456789012:image-pipeline/web", 1, null)]
    [InlineData("imageBuildVersionArn", "arn:aws:imagebuilder:us-west-2:123456789012:image/web/1.0.0/1", null, "t")]
    [InlineData("vulnerabilityId", "CVE-2025-38064", 10, null)]
    public async Task Findings_request_carries_filters_max_results_and_token(string? name, string? value, int? maxResults, string? token)
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        using var api = SdkTestSupport.Create(SdkTestSupport.Options(server));

        await api.SendAsync(FindingQuery.Listing.Request(name, value is null ? [] : [value], maxResults, token), CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/ListImageScanFindings", request.Target);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        Assert.False(request.Headers.ContainsKey("X-Amz-Security-Token"));
        AssertSigned(request);

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        var expectedMembers = new List<string>();
        if (name is not null) expectedMembers.Add("filters");
        if (maxResults is not null) expectedMembers.Add("maxResults");
        if (token is not null) expectedMembers.Add("nextToken");
        Assert.Equal(expectedMembers, root.EnumerateObject().Select(p => p.Name));
        if (name is not null)
        {
            var filter = Assert.Single(root.GetProperty("filters").EnumerateArray());
            Assert.Equal(name, filter.GetProperty("name").GetString());
            Assert.Equal([value], filter.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        }
        if (maxResults is not null) Assert.Equal(maxResults, root.GetProperty("maxResults").GetInt32());
        if (token is not null) Assert.Equal(token, root.GetProperty("nextToken").GetString());
    }

    [Fact]
    public async Task Pipeline_has_the_auth_handler_after_the_marshaller_and_the_retry_logger_inside_retries()
    {
        using var env = new EnvironmentScope();
        await using var server = new ScriptedServer();
        using var api = (SdkTransport)SdkTestSupport.Create(SdkTestSupport.Options(server));
        var names = api.Client.PipelineHandlerNames().ToList();
        Assert.Equal(names.IndexOf("Marshaller") + 1, names.IndexOf(nameof(ImageBuilderAuthResolver)));
        Assert.Contains(nameof(ImageBuilderEndpointResolver), names);
        Assert.DoesNotContain("EndpointResolver", names);
        Assert.Equal(names.IndexOf("RetryHandler") + 1, names.IndexOf(nameof(RetryLogHandler)));
        // Features this client never uses are not on every request's path.
        Assert.Empty(names.Intersect(["CallbackHandler", "ErrorCallbackHandler", "CompressionHandler", "EndpointDiscoveryHandler", "ChecksumHandler", "MetricsHandler"]));
        Assert.Equal(["Marshaller", "ImageBuilderAuthResolver", "ImageBuilderEndpointResolver", "RetryHandler", "RetryLogHandler", "Signer", "ErrorHandler", "Unmarshaller"],
            names.Where(n => !n.StartsWith("HttpHandler", StringComparison.Ordinal)));
        await api.SendAsync(FindingQuery.Listing.Request(null, [], null, null), CancellationToken.None);
        AssertSigned(Assert.Single(server.Requests));
    }

    private static void AssertSigned(CapturedRequest request)
    {
        var authorization = request.Headers["Authorization"];
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + SdkTestSupport.AccessKey + "/", authorization);
        Assert.Contains("/us-west-2/imagebuilder/aws4_request", authorization);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", request.Headers["X-Amz-Date"]);
        var signedHeaders = Regex.Match(authorization, "SignedHeaders=([^,]+)").Groups[1].Value.Split(';');
        Assert.Contains("host", signedHeaders);
        Assert.Contains("x-amz-date", signedHeaders);
        Assert.Contains("content-type", signedHeaders);
        // The emulator's verifier (written from the AWS documentation, sharing no code with the SDK's signer) accepts it.
        var verifier = new SigV4Verifier(new EmulatorOptions
        {
            AccessKeyId = SdkTestSupport.AccessKey, SecretAccessKey = SdkTestSupport.SecretKey,
            SessionToken = request.Headers.GetValueOrDefault("X-Amz-Security-Token"),
        }, () => DateTimeOffset.UtcNow);
        var refusal = verifier.Verify(new SignedRequest(request.Method, request.Target, request.Headers.GetValueOrDefault, Encoding.UTF8.GetBytes(request.Body)));
        Assert.True(refusal is null, refusal?.Message);
    }
}
