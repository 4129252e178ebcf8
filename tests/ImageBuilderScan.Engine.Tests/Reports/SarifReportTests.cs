using System.Text.Json.Nodes;
using Json.Schema;
using static ImageBuilderScan.Engine.Tests.Gate.TestFindings;

namespace ImageBuilderScan.Engine.Tests.Reports;

public sealed class SarifReportTests
{
    private static JsonNode Sarif(IReadOnlyList<ReportImage> images, SarifOptions? options = null)
    {
        using var stream = new MemoryStream();
        SarifReport.Write(stream, images, options);
        return JsonNode.Parse(stream.ToArray())!;
    }

    /// <summary>
    /// The OASIS schema declares draft-04, which JsonSchema.Net does not evaluate; its keywords mean the
    /// same in draft-07 (it uses no boolean exclusiveMinimum), so it is evaluated as draft-07.
    /// </summary>
    private static JsonSchema Schema()
    {
        var node = JsonNode.Parse(File.ReadAllText(ReferenceFiles.SarifSchema))!.AsObject();
        Assert.DoesNotContain("\"exclusiveMinimum\": true", node.ToJsonString());
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        node["$id"] = node["id"]!.GetValue<string>();
        node.Remove("id");
        return JsonSchema.FromText(node.ToJsonString());
    }

    private static void AssertValid(JsonNode sarif)
    {
        var result = Schema().Evaluate(sarif, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    [Fact]
    public void Gated_and_plain_reports_are_valid_sarif()
    {
        AssertValid(Sarif(ReportSamples.Gated()));
        AssertValid(Sarif(ReportSamples.Plain()));
        AssertValid(Sarif([]));
    }

    [Fact]
    public void A_run_that_could_not_judge_says_so_in_its_invocation_and_validates()
    {
        var sarif = Sarif(ReportSamples.Gated());
        AssertValid(sarif);
        var invocation = sarif["runs"]![0]!["invocations"]![0]!;
        Assert.False(invocation["executionSuccessful"]!.GetValue<bool>());
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        var error = Assert.Single(notifications, n => n!["level"]!.GetValue<string>() == "error")!;
        Assert.Equal("NotJudged", error["descriptor"]!["id"]!.GetValue<string>());
        Assert.Contains("was not judged: scan SCANNING (Inspector busy)", error["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_notification_carries_no_link_syntax_from_the_reason_and_validates()
    {
        // A not-judged reason holds text from elsewhere (the service's error, another command's error message): SARIF
        // viewers render [text](target) in message.text, so its brackets and backslashes are escaped as in every message.
        var result = new GateEvaluator().Evaluate(Image, null, [], new GatePolicy(), @"read failed: [details](javascript:alert(1)) C:\x");
        var sarif = Sarif([ReportImage.From(result)]);
        AssertValid(sarif);
        var text = sarif["runs"]![0]!["invocations"]![0]!["toolExecutionNotifications"]![0]!["message"]!["text"]!.GetValue<string>();
        Assert.Contains(@"\[details\](javascript:alert(1)) C:\\x", text);
        Assert.DoesNotContain("[details]", text.Replace(@"\[details\]", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_that_judged_everything_is_successful()
    {
        var judged = ReportSamples.Gated().Where(i => i.Gate!.ScanProblem is null).ToList();
        var invocation = Sarif(judged)["runs"]![0]!["invocations"]![0]!;
        Assert.True(invocation["executionSuccessful"]!.GetValue<bool>());
        Assert.DoesNotContain(invocation["toolExecutionNotifications"]!.AsArray(), n => n!["level"]!.GetValue<string>() == "error");
    }

    [Fact]
    public void The_schema_check_can_fail()
    {
        var sarif = Sarif(ReportSamples.Gated());
        sarif["runs"]![0]!["results"]![0]!["level"] = "fatal";
        Assert.False(Schema().Evaluate(sarif).IsValid);
    }

    [Fact]
    public void Rules_results_levels_and_suppressions_are_shaped_for_code_scanning()
    {
        var run = Sarif(ReportSamples.Gated(), new SarifOptions { ToolVersion = "1.2.3", InformationUri = "https://example.org/fork" })["runs"]![0]!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal(("ImageBuilderScan", "1.2.3"), (driver["name"]!.GetValue<string>(), driver["version"]!.GetValue<string>()));
        Assert.Equal("https://example.org/fork", driver["informationUri"]!.GetValue<string>());
        Assert.Null(Sarif(ReportSamples.Gated())["runs"]![0]!["tool"]!["driver"]!["informationUri"]);
        var rules = driver["rules"]!.AsArray();
        Assert.Equal(rules.Select(r => r!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal), rules.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(7, rules.Count);
        var ssh = rules.Single(r => r!["id"]!.GetValue<string>() == "CVE-2024-6387")!;
        Assert.Equal("8.1", ssh["properties"]!["security-severity"]!.GetValue<string>());
        Assert.Contains("security", ssh["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Contains("1.0.1", ssh["help"]!["text"]!.GetValue<string>());
        Assert.Contains("<https://nvd.nist.gov/vuln/detail/CVE-2024-6387>", ssh["help"]!["markdown"]!.GetValue<string>());
        Assert.Equal("8.0", rules.Single(r => r!["id"]!.GetValue<string>() == "CVE-HIGH-1")!["properties"]!["security-severity"]!.GetValue<string>());

        var results = run["results"]!.AsArray();
        Assert.Equal(8, results.Count); // CVE-HIGH-1 has two packages
        string Level(string id) => results.First(r => r!["ruleId"]!.GetValue<string>() == id)!["level"]!.GetValue<string>();
        Assert.Equal(("error", "error", "warning", "note", "note"), (Level("CVE-2024-6387"), Level("CVE-HIGH-2"), Level("CVE-HOSTILE"), Level("CVE-LOW"), Level("CVE-UNTRIAGED")));
        foreach (var result in results)
        {
            var index = result!["ruleIndex"]!.GetValue<int>();
            Assert.Equal(rules[index]!["id"]!.GetValue<string>(), result["ruleId"]!.GetValue<string>());
            Assert.Equal("imagebuilder/web-frontend-al2023", result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        }
        var suppressed = results.Single(r => r!["ruleId"]!.GetValue<string>() == "CVE-SUPPRESSED")!;
        var suppression = Assert.Single(suppressed["suppressions"]!.AsArray())!;
        Assert.Equal(("external", "Not reachable <b>here</b>"), (suppression["kind"]!.GetValue<string>(), suppression["justification"]!.GetValue<string>()));
        Assert.Single(results, r => r!["suppressions"] is not null);
        Assert.Equal(2, run["properties"]!["gates"]!.AsArray().Count);
    }

    [Fact]
    public void Fingerprints_track_a_vulnerability_across_builds_but_not_across_packages_or_images()
    {
        string Print(Client.Model.ScanFinding finding) =>
            Sarif(ReportImage.FromFindings([finding]))["runs"]![0]!["results"]![0]!["partialFingerprints"]![SarifReport.FingerprintKey]!.GetValue<string>();
        var first = Print(Finding("CVE-1", "HIGH", "openssl"));
        Assert.Equal(first, Print(Finding("CVE-1", "LOW", "openssl", arn: NextImage) with { InstalledVersion = "9", VulnerablePackages = [new() { Name = "openssl", Version = "9.9" }] }));
        Assert.NotEqual(first, Print(Finding("CVE-1", "HIGH", "openssl-libs")));
        Assert.NotEqual(first, Print(Finding("CVE-1", "HIGH", "openssl", arn: "arn:aws:imagebuilder:us-east-1:111122223333:image/other/1.4.0/1")));
        Assert.Equal(64, first.Length);
    }

    [Fact]
    public void Fingerprints_set_the_same_build_name_in_another_region_or_account_apart_and_keep_one_finding_one_fingerprint()
    {
        // One run: the same vulnerability and package in two builds of one image (one region and account), and in the
        // build of the same name, version and build number in another region and in another account.
        const string west = "arn:aws:imagebuilder:eu-west-1:111122223333:image/web-frontend-al2023/1.4.0/1";
        const string otherAccount = "arn:aws:imagebuilder:us-east-1:444455556666:image/web-frontend-al2023/1.4.0/1";
        var sarif = Sarif(ReportImage.FromFindings([
            Finding("CVE-1", "HIGH", "openssl"), Finding("CVE-1", "HIGH", "openssl", arn: NextImage),
            Finding("CVE-1", "HIGH", "openssl", arn: west), Finding("CVE-1", "HIGH", "openssl", arn: otherAccount)]));
        AssertValid(sarif);
        var prints = sarif["runs"]![0]!["results"]!.AsArray().ToDictionary(
            r => r!["properties"]!["imageBuildVersionArn"]!.GetValue<string>(),
            r => r!["partialFingerprints"]![SarifReport.FingerprintKey]!.GetValue<string>());

        Assert.Equal(4, prints.Count);
        Assert.Equal(prints[Image], prints[NextImage]);
        Assert.Equal(3, new[] { prints[Image], prints[west], prints[otherAccount] }.Distinct().Count());
        Assert.All(prints.Values, p => Assert.Matches("^[0-9a-f]{64}$", p));
        // The same inputs give the same value in another run (a fingerprint is a function of what it names).
        Assert.Equal(prints[west], Sarif(ReportImage.FromFindings([Finding("CVE-1", "LOW", "openssl", arn: west)]))["runs"]![0]!["results"]![0]!["partialFingerprints"]![SarifReport.FingerprintKey]!.GetValue<string>());
        Assert.Equal(SarifReport.Fingerprint("CVE-1", "openssl", "web-frontend-al2023", west), prints[west]);
    }

    [Fact]
    public void The_artifact_path_option_names_the_recipe()
    {
        var uri = Sarif(ReportSamples.Plain(), new SarifOptions { ArtifactPath = "recipes\\{image} recipe.yaml" })["runs"]![0]!["results"]!.AsArray()
            .Single(r => r!["properties"]!["imageBuildVersionArn"]!.GetValue<string>() == Image)!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>();
        Assert.Equal("recipes/web-frontend-al2023%20recipe.yaml", uri);
    }

    [Fact]
    public void Cancellation_stops_the_writer()
    {
        using var stream = new MemoryStream();
        Assert.Throws<OperationCanceledException>(() => SarifReport.Write(stream, ReportSamples.Gated(), null, new CancellationToken(true)));
    }
}
