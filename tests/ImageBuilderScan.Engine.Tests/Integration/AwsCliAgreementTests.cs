using System.Text.Json.Nodes;

namespace ImageBuilderScan.Engine.Tests.Integration;

/// <summary>
/// The AWS CLI (botocore: its own signer, parser and paginator) and the engine, against the same emulator, get
/// the same keys with the same counts in the same order.
/// </summary>
public sealed class AwsCliAgreementTests(EmulatorPool pool) : IClassFixture<EmulatorPool>
{
    [AwsCliTheory]
    [MemberData(nameof(Emulated.AggregationFilters), MemberType = typeof(Emulated))]
    public async Task Engine_and_cli_return_the_same_aggregations(string? filterName)
    {
        var server = await pool.Get(aggregationPageSize: 3);
        // At most 10 values: the CLI sends one request's filter as given (the model's limit), the engine would split.
        var values = Emulated.Keys(server, filterName, 10);
        using var client = Emulated.Client(server);

        var engine = await Listing.CollectAsync(client.GetAggregationsAsync(new AggregationQuery { FilterName = filterName, Values = values }));
        var cli = await AwsCli.RunAsync(server, Emulated.Region, filterName is null
            ? ["list-image-scan-finding-aggregations"]
            : ["list-image-scan-finding-aggregations", "--filter", $"name={filterName},values={string.Join(',', values)}"]);

        var kind = cli["aggregationType"]!.GetValue<string>();
        Assert.Equal(filterName ?? FilterNames.AccountId, kind);
        var cliRows = cli["responses"]!.AsArray().Select(item =>
        {
            var inner = item!.AsObject().Single().Value!;
            var c = inner["severityCounts"]!;
            return (inner[kind]!.GetValue<string>(), (long?)c["all"]!.GetValue<long>(), (long?)c["critical"]!.GetValue<long>(), (long?)c["high"]!.GetValue<long>(), (long?)c["medium"]!.GetValue<long>());
        }).ToList();
        Assert.NotEmpty(cliRows);
        Assert.Equal(cliRows, engine.Select(Emulated.Row));
        Assert.All(engine, a => Assert.Equal(kind, a.AggregationType));
        Assert.Equal(0, server.Requests.AuthenticationFailures);
    }

    [AwsCliFact]
    public async Task Engine_and_cli_return_the_same_findings_for_a_severity()
    {
        var server = await pool.Get(findingsPageSize: 4);
        using var client = Emulated.Client(server);

        var engine = await Listing.CollectAsync(client.GetFindingsAsync(new FindingQuery { FilterName = FilterNames.Severity, Values = ["HIGH"] }));
        var cli = await AwsCli.RunAsync(server, Emulated.Region, ["list-image-scan-findings", "--filters", "name=severity,values=HIGH"]);

        var cliRows = cli["findings"]!.AsArray()
            .Select(f => (f!["imageBuildVersionArn"]?.GetValue<string>(), f["packageVulnerabilityDetails"]?["vulnerabilityId"]?.GetValue<string>(), f["severity"]?.GetValue<string>(), f["awsAccountId"]?.GetValue<string>()))
            .ToList();
        Assert.NotEmpty(cliRows);
        Assert.Equal(cliRows, engine.Select(Emulated.Row));
    }
}
