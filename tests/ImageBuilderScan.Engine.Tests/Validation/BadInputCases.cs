using ImageBuilderScan.Engine.Queries;
using static ImageBuilderScan.Engine.Tests.Validation.BadInputCase;
using static ImageBuilderScan.Engine.Tests.Validation.HostileStrings;

namespace ImageBuilderScan.Engine.Tests.Validation;

/// <summary>Generated tables of bad values per parameter, both operations where the parameter applies.</summary>
internal static class BadInputCases
{
    public const string ImageArn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4";
    public const string PipelineArn = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server-pipeline";
    private const string ImageForm = ":image/<lower-case name>/<x.y.z>/<build number>";
    private const string PipelineForm = "arn:<partition>:imagebuilder:<region>:<12-digit account>:image-pipeline/<lower-case name>";

    // Lazy: the tables below are static fields initialised in declaration order.
    private static readonly Lazy<Dictionary<string, BadInputCase>> Table = new(() => Build().Select((c, i) => c with { Label = $"{i:D4} {c.Label}" }).ToDictionary(c => c.Label));
    public static IReadOnlyDictionary<string, BadInputCase> All => Table.Value;

    private static IEnumerable<BadInputCase> Build() =>
        Typed(FilterNames.ImagePipelineArn, "ImagePipelineArn", PipelineForm, PipelineArnValues(), both: true)
            .Concat(Typed(FilterNames.ImageBuildVersionArn, "ImageBuildVersionArn", ImageForm, ImageArnValues(), both: true))
            .Concat(Typed(FilterNames.AccountId, "AccountId", "12 digits", AccountValues(), both: false))
            .Concat(Typed(FilterNames.VulnerabilityId, "VulnerabilityId", "CVE-YYYY-NNNN", VulnerabilityValues(), both: true))
            .Concat(Severities())
            .Concat(EscapeHatchValues())
            .Concat(FilterNameCases())
            .Concat(TokenAndPageSizeCases())
            .Concat(RandomBadInput.Cases());

    private static IEnumerable<BadInputCase> Typed(string filter, string parameter, string form,
        IEnumerable<(string Label, string Value)> values, bool both)
    {
        foreach (var (label, value) in values)
        {
            yield return Aggregation($"{parameter} aggregations {label}", filter, [value], parameter, form);
            // For each operation where the filter applies, and given through the escape hatch.
            if (both) yield return Finding($"{parameter} findings {label}", filter, [value], parameter, form);
            yield return Aggregation($"{parameter} FilterValue {label}", filter, [value], "FilterValue", form, valuesParameter: "FilterValue");
        }
        yield return Aggregation($"{parameter} aggregations no values", filter, [], parameter, form);
        if (both) yield return Finding($"{parameter} findings no values", filter, [], parameter, form);
    }

    private static IEnumerable<(string, string)> Fields(string good, int field, string[] replacements, string what)
    {
        var parts = good.Split(':');
        foreach (var r in replacements)
        {
            var copy = (string[])parts.Clone();
            copy[field] = r;
            yield return ($"{what} '{Show(r)}'", string.Join(':', copy));
        }
    }

    private static readonly string[] BadPartitions = ["", "AWS", "aws-xx", "aws-iso-z", "aws-cn-north", "aws_cn", "azure", "gcp", "aws-us-gov-west-1", "awss"];
    private static readonly string[] BadServices = ["", "ec2", "ImageBuilder", "imagebuilderx", "image-builder", "iam"];
    private static readonly string[] BadRegions = ["", "US-EAST-1", "useast1", "us-east", "us-east-1a", "us east 1", "us-east-1/../x"];
    private static readonly string[] BadAccounts = ["", "12345678901", "1234567890123", "abcdefghijkl", "12345678901a", "aws marketplace", "-12345678901"];

    private static IEnumerable<(string, string)> ArnValues(string good) =>
        Fields(good, 1, BadPartitions, "partition")
            .Concat(Fields(good, 2, BadServices, "service"))
            .Concat(Fields(good, 3, BadRegions, "region"))
            .Concat(Fields(good, 4, BadAccounts, "account"))
            .Concat(Spliced(good))
            .Append(("upper case", good.ToUpperInvariant()))
            .Append(("no arn prefix", good[4..]))
            .Append(("trailing slash", good + "/"))
            .Append(("arn only", "arn"));

    private static readonly string[] ResourceTypes =
        ["image", "image-pipeline", "component", "image-recipe", "container-recipe", "distribution-configuration",
         "infrastructure-configuration", "workflow", "lifecycle-policy", "Image-Pipeline", "image-pipelines", ""];

    private static IEnumerable<(string, string)> PipelineArnValues() =>
        ArnValues(PipelineArn)
            .Concat(ResourceTypes.Where(t => t != "image-pipeline").Select(t => ($"resource type '{t}'", PipelineArn.Replace("image-pipeline/", t + "/"))))
            .Concat(new[] { "Web-Server", "WEB", "web server", "web.server", "", "web/server", "web-server/extra", "../x" }
                .Select(n => ($"name '{n}'", PipelineArn.Replace("web-server-pipeline", n))))
            .Append(("an image ARN", ImageArn))
            .Append(("account aws-marketplace", PipelineArn.Replace("123456789012", "aws-marketplace")));

    private static IEnumerable<(string, string)> ImageArnValues() =>
        ArnValues(ImageArn)
            .Concat(ResourceTypes.Where(t => t != "image").Select(t => ($"resource type '{t}'", ImageArn.Replace(":image/", $":{t}/"))))
            .Concat(new[] { "Web-Server", "WEB", "web server", "web.server", "", ".." }
                .Select(n => ($"name '{n}'", ImageArn.Replace("web-server", n))))
            .Concat(new[] { "1.2", "1.2.3.4", "v1.2.3", "x.y.z", "1..3", "", "1.2.3-beta" }
                .Select(v => ($"version '{v}'", ImageArn.Replace("1.2.3", v))))
            .Concat(new[] { "/", "/a", "/4/5", "/-1", "/4.0" }.Select(b => ($"build '{b}'", ImageArn[..^2] + b)))
            .Append(("a pipeline ARN", PipelineArn));

    private static IEnumerable<(string, string)> AccountValues() =>
        new[] { "12345678901", "1234567890123", "abcdefghijkl", "12345678901a", "aws", "123 456 789 012", "123456789012.",
                "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660\u0661\u0662", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10\uff11\uff12" }
            .Select(v => ($"'{Show(v)}'", v))
            .Concat(Spliced("123456789012"));

    private static IEnumerable<(string, string)> VulnerabilityValues() =>
        new[] { "cve-2024-1234", "Cve-2024-1234", "CVE-24-1234", "CVE-2024-123", "CVE-2024", "CVE-2024-", "CVE 2024 1234", "CVE-2024-1234.",
                "CVE_2024_1234", "-CVE-2024-1234", "1CVE-2024-1234", "GHSA-xxxx-xxxx", "GHSA-ABCD-EFGH-JKMP", "GHSA-abcd-efgh-jkmp-wxyz",
                "KB12", "KB123456789", "kb5023697", "ALAS-24-1", "ALAS2023-2025", "DROP", "TABLE", "123", "..", "RHSA-2024:", "a/b-1",
                "../CVE-2024-1234", "CVE-2024-1234/../../x" }
            .Select(v => ($"'{Show(v)}'", v))
            .Concat(Spliced("CVE-2025-38064"));

    private static IEnumerable<BadInputCase> Severities() =>
        new[] { "SEVERE", "HIGHEST", "HIGH ", " LOW", "H", "1", "HIGH,LOW", "HIGH LOW", "h\u0131gh", "CRIT\u0130CAL", "\uff28\uff29\uff27\uff28", "N/A", "NONE" }
            .Select(v => ($"'{Show(v)}'", v))
            .Concat(Spliced("HIGH"))
            .Select(c => Finding($"Severity {c.Item1}", FilterNames.Severity, [c.Item2], "Severity", "one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNTRIAGED"))
            .Append(Finding("Severity no values", FilterNames.Severity, [], "Severity", "INFORMATIONAL"));

    /// <summary>Through the escape hatch an unknown filter holds its values only to the model's pattern.</summary>
    private static IEnumerable<BadInputCase> EscapeHatchValues() =>
        Spliced("some value").Where(c => c.Label != "padded") // spaces are allowed inside a value
            .Concat(new[] { "é", "naïve", "a;b", "a$b", "a(b)", "a'b", "a<b>", "a|b", "a&b", "a*b", "a\\b", "a\u2026" }.Select(v => ($"'{Show(v)}'", v)))
            .SelectMany(c => new[]
            {
                Aggregation($"FilterValue aggregations {c.Item1}", "newFilter", ["ok", c.Item2], "FilterValue", "1 to 1024 characters", valuesParameter: "FilterValue"),
                Finding($"FilterValue findings {c.Item1}", "newFilter", [c.Item2], "FilterValue", "1 to 1024 characters", valuesParameter: "FilterValue"),
            });

    private static IEnumerable<BadInputCase> FilterNameCases()
    {
        // A documented name in another case is no longer bad: it is sent as the model spells it (GoodInputTests).
        foreach (var name in new[] { "severity", "account_id", "accountId ", "accountId;DROP", "unknownFilter", "" })
            yield return Aggregation($"FilterName aggregations '{Show(name)}'", name, [PipelineArn], "FilterName", "one of accountId, imageBuildVersionArn");
        foreach (var name in new[] { "accountId", "AccountID", "imagePipelineArn\n" })
            yield return Finding($"FilterName findings '{Show(name)}'", name, [PipelineArn], "FilterName", "one of imageBuildVersionArn, imagePipelineArn, vulnerabilityId, severity");
        foreach (var name in new[] { "", "account_id", "a1", "two words", "x\0", "\u00efd", "filter-name", new string('a', 1025) })
        {
            yield return Aggregation($"FilterName escape hatch aggregations '{Show(name)}'", name, ["x"], "FilterName", "1 to 1024 ASCII letters", valuesParameter: "FilterValue");
            yield return Finding($"FilterName escape hatch findings '{Show(name)}'", name, ["x"], "FilterName", "1 to 1024 ASCII letters", valuesParameter: "FilterValue");
        }
        yield return Aggregation("FilterName missing aggregations", null, [PipelineArn], "FilterName", "a filter name");
        yield return Finding("FilterName missing findings", null, ["HIGH"], "FilterName", "a filter name");
    }

    private static IEnumerable<BadInputCase> TokenAndPageSizeCases()
    {
        foreach (var length in new[] { 0, 65_536, 70_000 })
        {
            var token = new string('t', length);
            yield return Aggregation($"NextToken aggregations {length} chars", null, [], "NextToken", "1 to 65535 characters", token: token);
            yield return Finding($"NextToken findings {length} chars", null, [], "NextToken", "1 to 65535 characters", token: token);
        }
        foreach (var count in new[] { 11, 20, 25, 100 })
            yield return Aggregation($"NextToken with {count} values", FilterNames.AccountId,
                Enumerable.Range(0, count).Select(i => $"{100000000000 + i}").ToList(), "NextToken", "at most 10 values", token: "token");
        yield return Finding("NextToken with 2 finding values", FilterNames.Severity, ["HIGH", "LOW"], "NextToken", "at most one value", token: "token");
        foreach (var size in new[] { 0, -1, 26, 1000, int.MaxValue, int.MinValue })
            yield return Finding($"PageSize {size}", null, [], "PageSize", "a page size from 1 to 25", pageSize: size);
    }
}
