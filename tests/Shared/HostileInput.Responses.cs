using System.Text;

namespace ImageBuilderScan.Tests.Shared;

/// <summary>
/// The hostile answers of an endpoint that is not the service (a misconfigured proxy, a look-alike from
/// <c>AWS_ENDPOINT_URL</c>): each a 200 body that must be refused with a typed error, never read as something else.
/// Served by <see cref="ScriptedServer"/> (bound to 127.0.0.1) in the xunit, Pester and pty tests. Bodies name the
/// image as IMAGE and the account as ACCOUNT (<see cref="Fill"/>).
/// </summary>
public static partial class HostileInput
{
    /// <summary>One hostile 200 answer to one operation and the <c>ErrorId</c> the client must refuse it with.</summary>
    public sealed record HostileAnswer(string Label, string Operation, string Body, string ErrorId, byte[]? Raw = null)
    {
        public ScriptedResponse Response => ScriptedResponse.Json(Fill(Body), "hostile-req") with { RawBody = Raw };
        public override string ToString() => Label;
    }

    public const string FindingsOperation = "ListImageScanFindings", AggregationsOperation = "ListImageScanFindingAggregations", GetImage = "GetImage";

    /// <summary>A body with IMAGE and ACCOUNT filled in.</summary>
    public static string Fill(string body) => body.Replace("IMAGE", ImageArn, StringComparison.Ordinal).Replace("ACCOUNT", Account, StringComparison.Ordinal);

    public static string FindingJson(string severity = "HIGH", string id = Cve) =>
        Fill("""{"imageBuildVersionArn":"IMAGE","severity":"SEVERITY","packageVulnerabilityDetails":{"vulnerabilityId":"ID"}}""")
            .Replace("SEVERITY", severity, StringComparison.Ordinal).Replace("\"ID\"", "\"" + id + "\"", StringComparison.Ordinal);

    public static string AggregationJson(long all = 1, string arn = ImageArn, long critical = 0, long high = 0, long medium = 0) =>
        """{"imageAggregation":{"imageBuildVersionArn":"ARN","severityCounts":{"all":ALL,"critical":CRITICAL,"high":HIGH,"medium":MEDIUM}}}"""
            .Replace("ARN", arn, StringComparison.Ordinal).Replace("ALL", Number(all), StringComparison.Ordinal)
            .Replace("CRITICAL", Number(critical), StringComparison.Ordinal).Replace("HIGH", Number(high), StringComparison.Ordinal)
            .Replace("MEDIUM", Number(medium), StringComparison.Ordinal);

    private static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A GetImage answer; <paramref name="imageState"/> null leaves the image's state out.</summary>
    public static string ImageJson(string arn = ImageArn, string status = "COMPLETED", string? imageState = "AVAILABLE") =>
        """{"requestId":"r1","image":{"arn":"ARN",STATE"imageScanningConfiguration":{"imageScanningEnabled":true},"scanState":{"status":"STATUS"}}}"""
            .Replace("ARN", arn, StringComparison.Ordinal).Replace("STATUS", status, StringComparison.Ordinal)
            .Replace("STATE", imageState is null ? "" : $"\"state\":{{\"status\":\"{imageState}\"}},", StringComparison.Ordinal);

    /// <summary>Every strict-reading case: each must be a typed error, nothing of it emitted.</summary>
    public static IReadOnlyList<HostileAnswer> StrictReading { get; } =
    [
        new("duplicate severity", FindingsOperation, """{"findings":[{"severity":"CRITICAL","severity":"LOW"}]}""", "MalformedResponse"),
        new("duplicate severity, escaped name", FindingsOperation, """{"findings":[{"severity":"CRITICAL","sev\u0065rity":"LOW"}]}""", "MalformedResponse"),
        new("two findings members", FindingsOperation, """{"findings":[{"severity":"CRITICAL"}],"findings":[]}""", "MalformedResponse"),
        new("duplicate status", GetImage, """{"image":{"arn":"IMAGE","scanState":{"status":"SCANNING","status":"COMPLETED"}}}""", "MalformedResponse"),
        // Named twice in two cases: a reader that matches names ignoring case (Json.NET, ConvertFrom-Json, the SDK's own
        // unmarshallers) takes the other one, so the answer says two things at once.
        new("severity and Severity", FindingsOperation, """{"findings":[{"Severity":"CRITICAL","severity":"LOW"}]}""", "MalformedResponse"),
        new("Findings beside findings", FindingsOperation, """{"Findings":[{"severity":"CRITICAL"}],"findings":[]}""", "MalformedResponse"),
        new("scanState and SCANSTATE", GetImage, """{"image":{"arn":"IMAGE","state":{"status":"AVAILABLE"},"imageScanningConfiguration":{"imageScanningEnabled":true},"SCANSTATE":{"status":"SCANNING"},"scanState":{"status":"COMPLETED"}}}""", "MalformedResponse"),
        // A long s (U+017F) and a Kelvin sign (U+212A) fold with s and k, as Go's encoding/json matches names.
        new("\u017Feverity beside severity", FindingsOperation, """{"findings":[{"\u017Feverity":"CRITICAL","severity":"LOW"}]}""", "MalformedResponse"),
        new("nextTo\u212Aen beside nextToken", FindingsOperation, """{"findings":[],"nextToken":null,"nextTo\u212Aen":"more"}""", "MalformedResponse"),
        new("ALL beside all", AggregationsOperation, """{"responses":[{"imageAggregation":{"imageBuildVersionArn":"IMAGE","severityCounts":{"ALL":5,"all":1}}}]}""", "MalformedResponse"),
        new("two image members", GetImage, """{"image":{"arn":"IMAGE"},"image":{"arn":"IMAGE"}}""", "MalformedResponse"),
        new("two all counts", AggregationsOperation, """{"responses":[{"imageAggregation":{"imageBuildVersionArn":"IMAGE","severityCounts":{"all":5,"all":1}}}]}""", "MalformedResponse"),
        new("an aggregation of two kinds", AggregationsOperation,
            """{"responses":[{"imageAggregation":{"imageBuildVersionArn":"IMAGE","severityCounts":{"all":1}},"accountAggregation":{"accountId":"ACCOUNT","severityCounts":{"all":4}}}]}""",
            "MalformedResponse"),
        new("error-shaped 200", FindingsOperation, """{"__type":"AccessDeniedException","message":"denied"}""", "MalformedResponse"),
        new("error-shaped 200 with findings", FindingsOperation, """{"message":"throttled","findings":[]}""", "MalformedResponse"),
        new("an error member on a 200", FindingsOperation, """{"findings":[],"error":"Forbidden"}""", "MalformedResponse"),
        new("an Error object on a 200", FindingsOperation, """{"findings":[],"Error":{"Code":"AccessDenied"}}""", "MalformedResponse"),
        new("an error member on a 200 GetImage", GetImage, """{"image":{"arn":"IMAGE"},"error":"Forbidden"}""", "MalformedResponse"),
        new("findings null", FindingsOperation, """{"findings":null}""", "MalformedResponse"),
        new("no findings member", FindingsOperation, """{"requestId":"r1"}""", "MalformedResponse"),
        new("image null", GetImage, """{"image":null}""", "MalformedResponse"),
        new("a second JSON text", FindingsOperation, """{"findings":[]}{"findings":[{"severity":"CRITICAL"}]}""", "MalformedResponse"),
        new("trailing garbage", FindingsOperation, """{"findings":[]} x""", "MalformedResponse"),
        new("invalid UTF-8 in a skipped member", FindingsOperation, "", "MalformedResponse",
            [.. Encoding.UTF8.GetBytes("{\"findings\":[],\"unknown\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")]),
        new("more findings than a page holds", FindingsOperation, "{\"findings\":[" + string.Join(",", Enumerable.Repeat("{\"severity\":\"HIGH\"}", 26)) + "]}", "TooManyItems"),
    ];

    /// <summary>Severities that are not a severity (compared exactly: no trimming, no case folding).</summary>
    public static IReadOnlyList<string> LookAlikeSeverities { get; } = ["CRITICAL\u200B", "CR\u0130TICAL", "critical", " HIGH", "", "SEVERE"];

    /// <summary>Text that would act on a terminal or a CI log if written raw: OSC 52 clipboard, clear screen, OSC 8 link,
    /// a bidi override, Azure Pipelines and GitHub Actions commands on their own lines, a C1 CSI.</summary>
    public const string ActiveText = "x\u001B]52;c;cHduZWQ=\u0007\u001B[2J\u001B]8;;https://evil.example/\u001B\\link\u001B]8;;\u001B\\\u202Etxt.exe\n##vso[task.setvariable variable=x]1\n::error::pwned\u009B";
}
