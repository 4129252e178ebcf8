
namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// What the engine puts on the wire, as the emulator received it, conforms to service-2.json (method, path,
/// content type, member names, JSON types, lengths and ranges), carries exactly the query, chains tokens, and
/// each page's request id is the one the emulator answered that request with.
/// </summary>
public sealed class EmulatorWireFormatTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    private const string Aggregations = "ListImageScanFindingAggregations";
    private const string Findings = "ListImageScanFindings";

    public static TheoryData<string?> AggregationFilters => new()
    {
        null, FilterNames.AccountId, FilterNames.ImageBuildVersionArn, FilterNames.ImagePipelineArn, FilterNames.VulnerabilityId,
    };

    [ServiceModelTheory]
    [MemberData(nameof(AggregationFilters))]
    public async Task Aggregation_requests_match_the_model_and_carry_the_query_and_the_previous_token(string? filterName)
    {
        var model = ServiceModel.Required;
        var server = await pool.Get(aggregationPageSize: 1);
        var values = filterName is null ? [] : Emulated.Keys(server, filterName).Take(3).ToArray();
        using var client = Emulated.Client(server);

        var pages = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = filterName, Values = values }).Pages);

        var requests = Emulated.ApiRequests(server);
        Assert.True(pages.Count > 1, "page size 1 must give several pages, so tokens are on the wire");
        Assert.Equal(pages.Count, requests.Count);
        var filterMember = model.MemberOfType(Aggregations, "structure");
        var tokenMember = model.MemberWithShape(Aggregations, "PaginationToken");
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            using var body = AssertConforms(model, Aggregations, request);
            var root = body.RootElement;
            var expectedMembers = new List<string>();
            if (filterName is not null) expectedMembers.Add(filterMember);
            if (i > 0) expectedMembers.Add(tokenMember);
            Assert.Equal(expectedMembers.Order(), root.EnumerateObject().Select(p => p.Name).Order());
            if (filterName is not null)
            {
                Assert.Equal(filterName, root.GetProperty(filterMember).GetProperty("name").GetString());
                Assert.Equal(values, root.GetProperty(filterMember).GetProperty("values").EnumerateArray().Select(v => v.GetString()));
            }
            if (i > 0) Assert.Equal(pages[i - 1].NextToken, root.GetProperty(tokenMember).GetString());
            Assert.Equal(request.RequestId, pages[i].RequestId);
            Assert.All(pages[i].Items, a => Assert.Equal(request.RequestId, a.RequestId));
        }
        Assert.Null(pages[^1].NextToken);
    }

    public static TheoryData<string?, int?> FindingFilters => new()
    {
        { null, null },
        { null, 25 },
        { FilterNames.ImageBuildVersionArn, 1 },
        { FilterNames.ImagePipelineArn, null },
        { FilterNames.VulnerabilityId, 2 },
        { FilterNames.Severity, 7 },
    };

    [ServiceModelTheory]
    [MemberData(nameof(FindingFilters))]
    public async Task Finding_requests_match_the_model_and_carry_filter_max_results_and_token(string? filterName, int? pageSize)
    {
        var model = ServiceModel.Required;
        var server = await pool.Get(findingsPageSize: 3);
        var value = filterName switch
        {
            null => null,
            FilterNames.Severity => server.Data.Findings[0].Severity,
            _ => Emulated.Keys(server, filterName)[0],
        };
        using var client = Emulated.Client(server);

        var pages = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery
        {
            FilterName = filterName, Values = value is null ? [] : [value], PageSize = pageSize,
        }).Pages);

        var requests = Emulated.ApiRequests(server);
        Assert.Equal(pages.Count, requests.Count);
        var filtersMember = model.MemberOfType(Findings, "list");
        var sizeMember = model.MemberOfType(Findings, "integer");
        var tokenMember = model.MemberWithShape(Findings, "PaginationToken");
        for (var i = 0; i < requests.Count; i++)
        {
            using var body = AssertConforms(model, Findings, requests[i]);
            var root = body.RootElement;
            var expectedMembers = new List<string>();
            if (filterName is not null) expectedMembers.Add(filtersMember);
            if (pageSize is not null) expectedMembers.Add(sizeMember);
            if (i > 0) expectedMembers.Add(tokenMember);
            Assert.Equal(expectedMembers.Order(), root.EnumerateObject().Select(p => p.Name).Order());
            if (filterName is not null)
            {
                var filter = Assert.Single(root.GetProperty(filtersMember).EnumerateArray());
                Assert.Equal(filterName, filter.GetProperty("name").GetString());
                Assert.Equal([value], filter.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
            }
            if (pageSize is not null) Assert.Equal(pageSize, root.GetProperty(sizeMember).GetInt32());
            if (i > 0) Assert.Equal(pages[i - 1].NextToken, root.GetProperty(tokenMember).GetString());
            Assert.Equal(requests[i].RequestId, pages[i].RequestId);
            Assert.All(pages[i].Items, f => Assert.Equal(requests[i].RequestId, f.RequestId));
        }
    }

    /// <summary>Method, path, content type and signing scope from the model; the body valid against the input shape.</summary>
    private static JsonDocument AssertConforms(ServiceModel model, string operation, RecordedRequest request)
    {
        Assert.Equal(model.Method(operation), request.Method);
        Assert.Equal(model.RequestUri(operation), request.Path);
        // rest-json: a JSON body (the SDKs send application/json, optionally with a charset).
        Assert.StartsWith("application/json", request.Headers["content-type"]);
        Assert.Contains($"/{Emulated.Region}/{model.SigningName}/aws4_request", request.Headers["authorization"]);
        Assert.Equal(200, request.StatusCode);
        var body = JsonDocument.Parse(request.Body);
        Assert.Empty(model.Violations(body.RootElement, model.InputShape(operation)));
        return body;
    }
}
