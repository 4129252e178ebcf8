using ImageBuilderScan.Client.Queries;
using ImageBuilderScan.Client.Paging;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>The named cases: a few representative bad inputs per rule of the validator, for every parameter it applies to.</summary>
public static partial class HostileInput
{
    /// <summary>The rules, as the labels name them (the text before the colon). Each has cases that fail if it breaks.</summary>
    public static readonly string[] Rules =
    [
        "value empty", "value blank", "value too long", "value character outside the model", "no values",
        "ImagePipelineArn shape", "ImageBuildVersionArn shape", "AccountId shape", "VulnerabilityId shape", "Severity shape",
        "typed shape through FilterValue", "FilterName missing", "FilterName unknown to the operation", "FilterName escape hatch not ASCII letters",
        "NextToken length", "NextToken with values of more than one request", "FirstPageOnly with values of more than one request", "PageSize range",
    ];

    // Lazy: the tables it reads are static fields of the other parts of this class, initialised in no set order.
    private static readonly Lazy<Dictionary<string, BadQuery>> NamedTable = new(() => NamedCases().ToDictionary(c => c.Label));

    /// <summary>Every named case, keyed by its label (a duplicate label throws here, so labels stay unique).</summary>
    public static IReadOnlyDictionary<string, BadQuery> Named => NamedTable.Value;

    // Outside the model pattern, each in a place a careless check would miss: end, start, middle.
    private static readonly string[] Outside =
    [
        "\0", "\u001b[2J", "\n", "\r\nX-Injected: 1", "; ls -la", "$(rm -rf /)", "`id`", "' OR '1'='1", "<script>", "| cat /etc/passwd",
        "&& curl", "*", "?", "#", "%00", "\u200b", "\u202e", "\u2028", "\ufeff", "\u00a0", "\ud800",
    ];

    private static readonly (char Ascii, char LookAlike)[] LookAlikes = [('a', '\u0430'), ('e', '\u0435'), ('-', '\u2011'), (':', '\uff1a'), ('1', '\u0661')];

    private static IEnumerable<BadQuery> NamedCases()
    {
        foreach (var kind in Kinds)
        {
            foreach (var c in Each(kind, "value empty", "''", [""])) yield return c;
            foreach (var c in Each(kind, "value blank", "' '", [" "])) yield return c;
            foreach (var c in Each(kind, "value blank", "3 spaces", ["   "])) yield return c;
            foreach (var c in Each(kind, "value too long", "by one", [kind.Good + new string('a', QueryValidator.MaxValueLength + 1 - kind.Good.Length)])) yield return c;
            foreach (var c in Each(kind, "value too long", "70000 characters", [new string('a', 70_000)])) yield return c;
            foreach (var c in Each(kind, "no values", "[]", [])) yield return c;
            for (var i = 0; i < Outside.Length; i++)
            {
                var bad = Outside[i];
                var (where, value) = (i % 3) switch
                {
                    0 => ("after", kind.Good + bad),
                    1 => ("before", bad + kind.Good),
                    _ => ("inside", kind.Good[..(kind.Good.Length / 2)] + bad + kind.Good[(kind.Good.Length / 2)..]),
                };
                foreach (var c in Each(kind, "value character outside the model", $"'{Show(bad)}' {where}", [value])) yield return c;
            }
            foreach (var (ascii, lookAlike) in LookAlikes.Where(l => kind.Good.Contains(l.Ascii)))
            {
                var at = kind.Good.IndexOf(ascii);
                foreach (var c in Each(kind, "value character outside the model", $"look-alike U+{(int)lookAlike:X4}", [kind.Good[..at] + lookAlike + kind.Good[(at + 1)..]]))
                    yield return c;
            }
            foreach (var c in Each(kind, "value character outside the model", "after a good value", [kind.Good, kind.Good + "\n"])) yield return c;
        }

        foreach (var c in Shapes()) yield return c;
        foreach (var c in FilterNameCases()) yield return c;
        foreach (var c in TokenAndPageCases()) yield return c;
    }

    private static IEnumerable<BadQuery> Shapes()
    {
        (Kind Kind, string Example, string Value)[] shapes =
        [
            (Pipeline, "partition azure", PipelineArn.Replace("arn:aws:", "arn:azure:")),
            (Pipeline, "partition AWS", PipelineArn.Replace("arn:aws:", "arn:AWS:")),
            (Pipeline, "partition aws-xx", PipelineArn.Replace("arn:aws:", "arn:aws-xx:")),
            (Pipeline, "service ec2", PipelineArn.Replace(":imagebuilder:", ":ec2:")),
            (Pipeline, "region US-EAST-1", PipelineArn.Replace("us-east-1", "US-EAST-1")),
            (Pipeline, "region us-east", PipelineArn.Replace("us-east-1", "us-east")),
            (Pipeline, "account of 11 digits", PipelineArn.Replace("123456789012", "12345678901")),
            (Pipeline, "account aws-marketplace", PipelineArn.Replace("123456789012", "aws-marketplace")),
            (Pipeline, "resource type component", PipelineArn.Replace("image-pipeline/", "component/")),
            (Pipeline, "name Web-Server", PipelineArn.Replace("web-server-pipeline", "Web-Server")),
            (Pipeline, "name web.server", PipelineArn.Replace("web-server-pipeline", "web.server")),
            (Pipeline, "name with a slash", PipelineArn.Replace("web-server-pipeline", "web/server")),
            (Pipeline, "an image ARN", ImageArn),
            (Pipeline, "no arn prefix", PipelineArn[4..]),
            (Pipeline, "trailing slash", PipelineArn + "/"),
            (Image, "partition aws-cn-north", ImageArn.Replace("arn:aws:", "arn:aws-cn-north:")),
            (Image, "service image-builder", ImageArn.Replace(":imagebuilder:", ":image-builder:")),
            (Image, "region useast1", ImageArn.Replace("us-east-1", "useast1")),
            (Image, "account of letters", ImageArn.Replace("123456789012", "abcdefghijkl")),
            (Image, "resource type image-recipe", ImageArn.Replace(":image/", ":image-recipe/")),
            (Image, "name WebServer", ImageArn.Replace("web-server", "WebServer")),
            (Image, "version 1.2", ImageArn.Replace("1.2.3", "1.2")),
            (Image, "version 1.2.3.4", ImageArn.Replace("1.2.3", "1.2.3.4")),
            (Image, "version v1.2.3", ImageArn.Replace("1.2.3", "v1.2.3")),
            (Image, "build a", ImageArn[..^1] + "a"),
            (Image, "no build number", ImageArn[..ImageArn.LastIndexOf('/')]),
            (Image, "a pipeline ARN", PipelineArn),
            (Image, "upper case", ImageArn.ToUpperInvariant()),
            (Image, "path traversal", ImageArn + "/../../etc/passwd"),
            (AccountId, "11 digits", "12345678901"),
            (AccountId, "13 digits", "1234567890123"),
            (AccountId, "a letter", "12345678901a"),
            (AccountId, "aws", "aws"),
            (AccountId, "spaced", "123 456 789 012"),
            (AccountId, "trailing dot", "123456789012."),
            (Vulnerability, "lower-case cve", "cve-2024-1234"),
            (Vulnerability, "2-digit year", "CVE-24-1234"),
            (Vulnerability, "3-digit number", "CVE-2024-123"),
            (Vulnerability, "underscores", "CVE_2024_1234"),
            (Vulnerability, "spaces", "CVE 2024 1234"),
            (Vulnerability, "trailing dot", "CVE-2024-1234."),
            (Vulnerability, "GHSA too short", "GHSA-xxxx-xxxx"),
            (Vulnerability, "GHSA upper case", "GHSA-ABCD-EFGH-JKMP"),
            (Vulnerability, "KB too short", "KB12"),
            (Vulnerability, "KB too long", "KB123456789"),
            (Vulnerability, "ALAS 2-digit year", "ALAS-24-1"),
            (Vulnerability, "digits only", "123"),
            (Vulnerability, "no digit", "DROP"),
            (Vulnerability, "ends in a colon", "RHSA-2024:"),
            (Vulnerability, "path", "../CVE-2024-1234"),
            (Severity, "SEVERE", "SEVERE"),
            (Severity, "HIGHEST", "HIGHEST"),
            (Severity, "trailing space", "HIGH "),
            (Severity, "leading space", " LOW"),
            (Severity, "H", "H"),
            (Severity, "1", "1"),
            (Severity, "two in one", "HIGH,LOW"),
            (Severity, "N/A", "N/A"),
            (Severity, "dotless i", "h\u0131gh"),
        ];
        foreach (var (kind, example, value) in shapes)
            foreach (var c in Each(kind, $"{kind.Parameter} shape", example, [value])) yield return c;

        // A known filter holds its values to its shape whichever parameter supplied them.
        foreach (var (kind, value) in new[] { (Pipeline, ImageArn), (Image, PipelineArn), (AccountId, "12345678901"), (Vulnerability, "cve-2024-1234"), (Severity, "SEVERE") })
            foreach (var c in Each(kind, "typed shape through FilterValue", $"'{value}'", [value], QueryValidator.EscapeHatchParameterName)) yield return c;
    }
}
