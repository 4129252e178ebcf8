using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>The named cases of the rules about filter names, tokens, single pages and page sizes.</summary>
public static partial class HostileInput
{
    private const string AggregationNames = "one of accountId, imageBuildVersionArn";
    private const string FindingNames = "one of imageBuildVersionArn, imagePipelineArn, vulnerabilityId, severity";

    private static BadQuery Aggregations(string label, string parameter, string form, AggregationQuery query) => new(label + " (aggregations)", query, parameter, form);
    private static BadQuery Findings(string label, string parameter, string form, FindingQuery query) => new(label + " (findings)", query, parameter, form);

    private static IEnumerable<BadQuery> FilterNameCases()
    {
        yield return Aggregations("FilterName missing: values without one", "FilterName", "a filter name", new() { Values = [PipelineArn] });
        yield return Findings("FilterName missing: values without one", "FilterName", "a filter name", new() { Values = ["HIGH"] });

        // A documented name in another case is not bad: it is sent as the model spells it (GoodInputTests).
        foreach (var name in new[] { "severity", "account_id", "accountId ", "accountId;DROP", "unknownFilter", "" })
            yield return Aggregations($"FilterName unknown to the operation: '{Show(name)}'", "FilterName", AggregationNames, new() { FilterName = name, Values = [PipelineArn] });
        foreach (var name in new[] { "accountId", "AccountID", "imagePipelineArn\n", "imagePipelineArn\"}],\"x" })
            yield return Findings($"FilterName unknown to the operation: '{Show(name)}'", "FilterName", FindingNames, new() { FilterName = name, Values = [PipelineArn] });

        const string hatch = QueryValidator.EscapeHatchParameterName, letters = "1 to 1024 ASCII letters";
        foreach (var name in new[] { "", "account_id", "a1", "two words", "x\0", "\u00efd", "filter-name", new string('a', 1025) })
        {
            var label = $"FilterName escape hatch not ASCII letters: '{Show(name)}'";
            yield return Aggregations(label, "FilterName", letters, new() { FilterName = name, Values = ["x"], ValuesParameterName = hatch });
            yield return Findings(label, "FilterName", letters, new() { FilterName = name, Values = ["x"], ValuesParameterName = hatch });
        }
    }

    private static IEnumerable<BadQuery> TokenAndPageCases()
    {
        const string tokenForm = "1 to 65535 characters";
        foreach (var length in new[] { 0, 65_536, 70_000 })
        {
            var token = new string('t', length);
            yield return Aggregations($"NextToken length: {length} characters", "NextToken", tokenForm, new() { NextToken = token });
            yield return Findings($"NextToken length: {length} characters", "NextToken", tokenForm, new() { NextToken = token });
        }

        // A token resumes one request: at most 10 values for aggregations, one for findings.
        foreach (var count in new[] { 11, 25 })
            yield return Aggregations($"NextToken with values of more than one request: {count} account ids", "NextToken", "at most 10 values",
                new() { FilterName = FilterNames.AccountId, Values = Accounts(count), NextToken = "token" });
        yield return Findings("NextToken with values of more than one request: 2 severities", "NextToken", "at most one value",
            new() { FilterName = FilterNames.Severity, Values = ["HIGH", "LOW"], NextToken = "token" });
        yield return Findings("NextToken with values of more than one request: 2 CVEs", "NextToken", "at most one value",
            new() { FilterName = FilterNames.VulnerabilityId, Values = [Cve, "CVE-2024-6387"], NextToken = "token" });

        // A single page is one request's page: the same limits, blamed on the values.
        yield return Aggregations("FirstPageOnly with values of more than one request: 11 account ids", "AccountId", "at most 10 values of AccountId for a single page",
            new() { FilterName = FilterNames.AccountId, Values = Accounts(11), FirstPageOnly = true });
        yield return Findings("FirstPageOnly with values of more than one request: 2 severities", "Severity", "one value of Severity for a single page",
            new() { FilterName = FilterNames.Severity, Values = ["HIGH", "LOW"], FirstPageOnly = true });

        foreach (var size in new[] { 0, -1, 26, 1000, int.MaxValue, int.MinValue })
            yield return Findings($"PageSize range: {size}", "PageSize", "a page size from 1 to 25", new() { PageSize = size });
    }

    private static string[] Accounts(int count) => Enumerable.Range(0, count).Select(i => $"{100000000000 + i}").ToArray();
}
