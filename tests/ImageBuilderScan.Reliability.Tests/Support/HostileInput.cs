using ImageBuilderScan.Engine.Queries;

namespace ImageBuilderScan.Reliability.Tests.Support;

/// <summary>One bad query: which operation, the query, and the parameter its error must name.</summary>
internal sealed record HostileCase(string Label, AggregationQuery? Aggregation, FindingQuery? Finding, string Parameter)
{
    public override string ToString() => Label;
}

/// <summary>
/// Bad values for every query parameter, hand-picked and generated from a seed. Each generated value is a good
/// value with one character the model's value pattern (<c>[0-9a-zA-Z./_ :,{}"-]</c>) excludes, so it can never
/// turn valid by chance; or the good value made one character too long.
/// </summary>
internal static class HostileInput
{
    public const string ImageArn = "arn:aws:imagebuilder:us-east-1:123456789012:image/web-server/1.2.3/4";
    public const string PipelineArn = "arn:aws:imagebuilder:us-east-1:123456789012:image-pipeline/web-server";
    public const string Account = "123456789012";
    public const string Cve = "CVE-2025-38064";

    // Parameter (as errors name it), wire filter name, a good value; findings where the filter applies there.
    private static readonly (string Parameter, string Filter, string Good, bool Aggregations, bool Findings)[] Parameters =
    [
        ("ImageBuildVersionArn", FilterNames.ImageBuildVersionArn, ImageArn, true, true),
        ("ImagePipelineArn", FilterNames.ImagePipelineArn, PipelineArn, true, true),
        ("AccountId", FilterNames.AccountId, Account, true, false),
        ("VulnerabilityId", FilterNames.VulnerabilityId, Cve, true, true),
        ("Severity", FilterNames.Severity, "HIGH", false, true),
    ];

    private static readonly char[] Forbidden =
        ['\0', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00e9', '\u0430', '\u200b', '\u2028', '\ufeff',
         '<', '>', ';', '\'', '`', '$', '|', '&', '*', '?', '\\', '%', '#', '=', '!', '[', ']', '(', ')', '+', '~', '^', '@'];

    private static IEnumerable<HostileCase> ForValue(string label, string parameter, string filter, string value, bool aggregations, bool findings)
    {
        if (aggregations) yield return new($"{parameter} aggregations {label}", new AggregationQuery { FilterName = filter, Values = [value] }, null, parameter);
        if (findings) yield return new($"{parameter} findings {label}", null, new FindingQuery { FilterName = filter, Values = [value] }, parameter);
    }

    public static IEnumerable<HostileCase> HandPicked()
    {
        var picked = new (string Label, string Parameter, string Value)[]
        {
            ("partition aws-xx", "ImageBuildVersionArn", ImageArn.Replace("arn:aws:", "arn:aws-xx:")),
            ("partition azure", "ImagePipelineArn", PipelineArn.Replace("arn:aws:", "arn:azure:")),
            ("partition upper case", "ImagePipelineArn", PipelineArn.Replace("arn:aws:", "arn:AWS:")),
            ("service ec2", "ImageBuildVersionArn", ImageArn.Replace(":imagebuilder:", ":ec2:")),
            ("pipeline ARN as image", "ImageBuildVersionArn", PipelineArn),
            ("image ARN as pipeline", "ImagePipelineArn", ImageArn),
            ("resource type component", "ImagePipelineArn", PipelineArn.Replace("image-pipeline/", "component/")),
            ("image without build", "ImageBuildVersionArn", ImageArn[..ImageArn.LastIndexOf('/')]),
            ("version x.y", "ImageBuildVersionArn", ImageArn.Replace("1.2.3", "1.2")),
            ("name with upper case", "ImagePipelineArn", PipelineArn.Replace("web-server", "Web-Server")),
            ("name with upper case", "ImageBuildVersionArn", ImageArn.Replace("web-server", "WebServer")),
            ("account 11 digits", "ImagePipelineArn", PipelineArn.Replace("123456789012", "12345678901")),
            ("region upper case", "ImageBuildVersionArn", ImageArn.Replace("us-east-1", "US-EAST-1")),
            ("over-long name", "ImagePipelineArn", PipelineArn + new string('a', 1025)),
            ("over-long id", "VulnerabilityId", "CVE-2025-" + new string('1', 1100)),
            ("account 13 digits", "AccountId", "1234567890123"),
            ("account letters", "AccountId", "12345678901a"),
            ("lower-case cve", "VulnerabilityId", "cve-2025-38064"),
            ("severity unknown", "Severity", "SEVERE"),
            ("SQL injection", "VulnerabilityId", "CVE-2025-1' OR '1'='1"),
            ("JSON injection", "ImagePipelineArn", PipelineArn + "\"],\"name\":\"accountId"),
            ("path traversal", "ImageBuildVersionArn", ImageArn + "/../../etc/passwd"),
            ("script", "VulnerabilityId", "<script>alert(1)</script>"),
            ("CRLF header injection", "AccountId", "123456789012\r\nX-Injected: 1"),
            ("NUL", "ImagePipelineArn", PipelineArn + "\0"),
            ("trailing newline", "AccountId", "123456789012\n"),
            ("empty string", "ImagePipelineArn", ""),
            ("empty string", "VulnerabilityId", ""),
            ("whitespace", "AccountId", "   "),
        };
        foreach (var (label, parameter, value) in picked)
        {
            var p = Parameters.Single(x => x.Parameter == parameter);
            foreach (var c in ForValue(label, parameter, p.Filter, value, p.Aggregations, p.Findings)) yield return c;
        }

        // The list: 11 values where a token needs them in one request (aggregations split 11+ values, so
        // without a token 11 is legal); two values with a token for findings (one value a request).
        var eleven = Enumerable.Range(0, 11).Select(i => $"{i:D12}").ToArray();
        yield return new("NextToken with 11 account ids", new AggregationQuery { FilterName = FilterNames.AccountId, Values = eleven, NextToken = "t" }, null, "NextToken");
        yield return new("NextToken with 2 CVEs", null, new FindingQuery { FilterName = FilterNames.VulnerabilityId, Values = [Cve, "CVE-2024-6387"], NextToken = "t" }, "NextToken");
        yield return new("values without a filter name", new AggregationQuery { Values = [Account] }, null, "FilterName");
        yield return new("no values", new AggregationQuery { FilterName = FilterNames.AccountId, Values = [] }, null, "AccountId");
        yield return new("unknown filter name", new AggregationQuery { FilterName = "severity", Values = ["HIGH"] }, null, "FilterName");
        yield return new("injected filter name", null, new FindingQuery { FilterName = "imagePipelineArn\"}],\"x", Values = [PipelineArn] }, "FilterName");
        foreach (var token in new[] { "", new string('t', 65536) })
        {
            yield return new($"NextToken of {token.Length} characters (aggregations)", new AggregationQuery { NextToken = token }, null, "NextToken");
            yield return new($"NextToken of {token.Length} characters (findings)", null, new FindingQuery { NextToken = token }, "NextToken");
        }
        foreach (var size in new[] { 0, -1, 26, int.MaxValue, int.MinValue })
            yield return new($"PageSize {size}", null, new FindingQuery { PageSize = size }, "PageSize");
    }

    public static IEnumerable<HostileCase> Random(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var p = Parameters[random.Next(Parameters.Length)];
            var good = p.Good;
            string value, how;
            switch (random.Next(3))
            {
                case 0:
                    var c = Forbidden[random.Next(Forbidden.Length)];
                    var at = random.Next(good.Length + 1);
                    value = good.Insert(at, c.ToString());
                    how = $"U+{(int)c:X4} at {at}";
                    break;
                case 1:
                    value = good + new string(good[^1], 1025 - good.Length + random.Next(0, 3000));
                    how = $"{value.Length} characters";
                    break;
                default:
                    var k = random.Next(1, 4);
                    value = new string(Enumerable.Range(0, k).Select(_ => Forbidden[random.Next(Forbidden.Length)]).ToArray()) + good;
                    how = $"{k} forbidden characters first";
                    break;
            }
            foreach (var c in ForValue($"random #{i} {how}", p.Parameter, p.Filter, value, p.Aggregations, p.Findings)) yield return c;
        }
    }
}
