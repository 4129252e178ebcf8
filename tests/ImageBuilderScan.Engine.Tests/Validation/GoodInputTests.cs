using ImageBuilderScan.Engine.Tests.Paging;

namespace ImageBuilderScan.Engine.Tests.Validation;

public sealed class GoodInputTests
{
    private static readonly string[] Partitions = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];
    private static readonly string[] Regions =
        ["us-east-1", "eu-central-2", "ap-southeast-5", "cn-northwest-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1",
         "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "il-central-1", "mx-central-1"];

    public static TheoryData<string, string> Good()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Partitions)
        foreach (var r in Regions)
        {
            data.Add(FilterNames.ImagePipelineArn, $"arn:{p}:imagebuilder:{r}:123456789012:image-pipeline/web-server_pipeline-2");
            data.Add(FilterNames.ImageBuildVersionArn, $"arn:{p}:imagebuilder:{r}:210987654321:image/web-server/1.20.3/17");
        }
        data.Add(FilterNames.ImageBuildVersionArn, "arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2-x86/2024.11.5/1");
        data.Add(FilterNames.ImageBuildVersionArn, "arn:aws:imagebuilder:us-east-1:aws-marketplace:image/cis-hardened/1.0.0/1");
        data.Add(FilterNames.ImagePipelineArn, "arn:aws:imagebuilder:us-east-1:aws:image-pipeline/managed");
        foreach (var id in new[] { "123456789012", "000000000000", "999999999999" }) data.Add(FilterNames.AccountId, id);
        foreach (var id in new[]
                 {
                     "CVE-2025-38064", "CVE-1999-0001", "CVE-2024-1234567", "ALAS2023-2025-1130", "ALAS-2024-123", "ALAS2-2024-2450",
                     "ALAS2KERNEL-5.10-2023-029", "GHSA-xxxx-xxxx-xxxx", "GHSA-2jcg-qqmg-46q6", "KB5023697", "KB123456",
                     "RHSA-2024:1234", "DSA-1234-1", "DLA-3456-1", "USN-1234-1", "ELSA-2024-12345", "GO-2024-1234", "PYSEC-2021-123",
                     "SNYK-JS-LODASH-567746", "RUSTSEC-2021-0001", "MAL-2024-1234", "SUSE-SU-2024:1234-1", "BIT-nginx-2024-1234",
                     "openSUSE-SU-2024:0001-1", "CGA-2x3m-4n5p-6q7r", "TEMP-0001234-ABCDEF", "MFSA2024-01",
                 })
            data.Add(FilterNames.VulnerabilityId, id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Good))]
    public async Task Accepted_and_sent_unchanged(string filter, string value)
    {
        var api = new FakeTransport { KeysPerValue = _ => 1 };
        using var client = TestClients.Over(api);

        if (filter != FilterNames.AccountId)
            await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = filter, Values = [value] }));
        await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = filter, Values = [value] }));

        Assert.All(api.AggregationRequests, r => Assert.Equal([value], r.FilterValues));
        Assert.All(api.FindingRequests, r => Assert.Equal(value, r.FilterValues.SingleOrDefault()));
        Assert.NotEqual(0, api.RequestCount);
    }

    /// <summary>Each severity the filter accepts, lower case, capitalised and in alternating case.</summary>
    public static TheoryData<string> SeveritiesInAnyCase()
    {
        var data = new TheoryData<string>();
        foreach (var name in QueryValidator.Severities)
        {
            data.Add(name.ToLowerInvariant());
            data.Add(name[..1] + name[1..].ToLowerInvariant());
            data.Add(string.Concat(name.Select((c, i) => i % 2 == 0 ? char.ToLowerInvariant(c) : c)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeveritiesInAnyCase))]
    public void Severity_is_normalised_to_upper_case(string given)
    {
        var query = QueryValidator.Validate(new FindingQuery { FilterName = FilterNames.Severity, Values = [given] });
        Assert.Equal([given.ToUpperInvariant()], query.Values);
    }

    [Fact]
    public void Duplicates_are_removed_keeping_the_first_occurrence()
    {
        string[] values = ["123456789012", "210987654321", "123456789012", "000000000000", "210987654321"];
        var query = QueryValidator.Validate(new AggregationQuery { FilterName = FilterNames.AccountId, Values = values });
        Assert.Equal(["123456789012", "210987654321", "000000000000"], query.Values);
    }

    [Fact]
    public void A_query_that_needs_no_change_is_returned_as_is()
    {
        var query = new AggregationQuery { FilterName = FilterNames.AccountId, Values = ["123456789012", "210987654321"] };
        Assert.Same(query, QueryValidator.Validate(query));
    }

    [Theory]
    [InlineData("newFilterName", "{\"a\":\"b\"}")]
    [InlineData("x", "../relative/path")]
    [InlineData("severity", "HIGH")]
    [InlineData("Anything", "with spaces, commas: and {braces}")]
    public void The_escape_hatch_takes_any_well_formed_name_and_model_conform_values(string name, string value)
    {
        var aggregations = new AggregationQuery { FilterName = name, Values = [value], ValuesParameterName = QueryValidator.EscapeHatchParameterName };
        var findings = new FindingQuery { FilterName = name, Values = [value], ValuesParameterName = QueryValidator.EscapeHatchParameterName };
        Assert.Same(aggregations, QueryValidator.Validate(aggregations));
        Assert.Same(findings, QueryValidator.Validate(findings));
    }

    [Fact]
    public void Limits_at_their_edges_are_accepted()
    {
        var tenValues = Enumerable.Range(0, 10).Select(i => $"{100000000000 + i}").ToList();
        QueryValidator.Validate(new AggregationQuery { FilterName = FilterNames.AccountId, Values = tenValues, NextToken = new string('t', 65_535) });
        QueryValidator.Validate(new AggregationQuery { FilterName = "x", Values = [new string('v', 1024)], ValuesParameterName = "FilterValue" });
        QueryValidator.Validate(new AggregationQuery { FilterName = new string('n', 1024), Values = ["v"], ValuesParameterName = "FilterValue" });
        QueryValidator.Validate(new FindingQuery { PageSize = 1, NextToken = "t" });
        QueryValidator.Validate(new FindingQuery { PageSize = 25, FilterName = FilterNames.Severity, Values = ["LOW"], NextToken = "t" });
        QueryValidator.Validate(new AggregationQuery { FilterName = FilterNames.AccountId, Values = Enumerable.Range(0, 250).Select(i => $"{100000000000 + i}").ToList() });
    }
}
