using System.Security.Cryptography;
using System.Text.Json;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes SARIF 2.1.0 for GitHub code scanning: one rule per vulnerability id, one result per finding
/// and package, suppressed findings with an external suppression carrying the exception's reason.
/// </summary>
public static class SarifReport
{
    /// <summary>
    /// The partialFingerprints key: hash of vulnerability id, package, image name, region and account. v1 had no
    /// region or account, so one build name in two regions or accounts shared a fingerprint (and code scanning merged
    /// their alerts); the version changed with what is hashed.
    /// </summary>
    public const string FingerprintKey = "imageBuilderScanFinding/v2";

    public static void Write(Stream output, IReadOnlyList<ReportImage> images, SarifOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SarifOptions();
        var rows = images
            .SelectMany(image => image.Findings.SelectMany(o => FindingRow.Of(o.Finding).Select(r => new SarifRow(image, o, r))))
            .ToList();
        var rules = rows.GroupBy(r => RuleId(r.Row), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((g, i) => (g.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ImageBuilderScan");
        json.WriteString("version", options.ToolVersion);
        json.WriteString("semanticVersion", options.ToolVersion);
        if (options.InformationUri is { } uri) json.WriteString("informationUri", uri);
        SarifRules.Write(json, rules);
        json.WriteEndObject();
        json.WriteEndObject();
        SarifInvocation.Write(json, images);
        json.WriteStartArray("results");
        foreach (var row in rows
            .OrderBy(r => r.Image.ImageBuildVersionArn, StringComparer.Ordinal)
            .ThenByDescending(r => r.Outcome.Severity)
            .ThenBy(r => r.Row.Key.VulnerabilityId, StringComparer.Ordinal)
            .ThenBy(r => r.Row.Key.PackageName, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = RuleId(row.Row);
            WriteResult(json, row, id, ruleIndex[id], options);
        }
        json.WriteEndArray();
        WriteGates(json, images);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>
    /// The stable fingerprint of a vulnerability in a package of an image in one region and account (the build ARN's),
    /// whatever its version and build, so an alert is tracked from build to build and never shared with another
    /// region's or account's image of the same name. A build without an ARN has neither (empty).
    /// </summary>
    public static string Fingerprint(string vulnerabilityId, string packageName, string imageName, string? imageBuildVersionArn) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{vulnerabilityId}\n{packageName}\n{imageName}\n{ImageBuilderArn.RegionOf(imageBuildVersionArn)}\n{ImageBuilderArn.AccountOf(imageBuildVersionArn)}"))).ToLowerInvariant();

    private static string RuleId(FindingRow row) => string.IsNullOrEmpty(row.Key.VulnerabilityId) ? "unknown-vulnerability" : row.Key.VulnerabilityId;

    private static void WriteResult(Utf8JsonWriter json, SarifRow row, string ruleId, int ruleIndex, SarifOptions options)
    {
        var (image, outcome, r) = row;
        json.WriteStartObject();
        json.WriteString("ruleId", ruleId);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", SarifLevel.Of(outcome.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", ReportText.ForSarif(Message(row, ruleId)));
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", ArtifactUri(options.ArtifactPath, image.ImageName));
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", 1);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, Fingerprint(ruleId, r.PackageName, image.ImageName, image.ImageBuildVersionArn));
        json.WriteEndObject();
        if (image.Gate?.Policy.Baseline is not null) json.WriteString("baselineState", outcome.Verdict == FindingVerdict.Inherited ? "unchanged" : "new");
        if (outcome.Verdict == FindingVerdict.Suppressed)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", ReportText.ForSarif(outcome.Reason));
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteStartObject("properties");
        json.WriteString("imageBuildVersionArn", ReportText.Plain(image.ImageBuildVersionArn));
        json.WriteString("packageName", ReportText.Plain(r.PackageName));
        json.WriteString("installedVersion", ReportText.Plain(r.InstalledVersion));
        json.WriteString("fixedInVersion", ReportText.Plain(r.FixedInVersion));
        json.WriteString("severity", ReportText.Plain(outcome.Finding.Severity));
        json.WriteString("fixAvailable", ReportText.Plain(outcome.Finding.FixAvailable));
        json.WriteString("verdict", outcome.Verdict.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Message(SarifRow row, string ruleId)
    {
        var (image, outcome, r) = row;
        var package = r.PackageName.Length == 0 ? "" : $" in {r.PackageName}{(r.InstalledVersion is null ? "" : " " + r.InstalledVersion)}";
        var fixedIn = $"; fixed in {FixedIn.Label(r.FixedInVersion)}";
        var suppressed = outcome.Verdict == FindingVerdict.Suppressed ? $" (accepted: {outcome.Reason})" : "";
        return $"{outcome.Finding.Severity ?? "(no severity)"} {ruleId}{package} on image {image.DisplayName}{fixedIn}.{suppressed}";
    }

    private static void WriteGates(Utf8JsonWriter json, IReadOnlyList<ReportImage> images)
    {
        var gated = images.Where(i => i.Gate is not null).ToList();
        if (gated.Count == 0) return;
        json.WriteStartObject("properties");
        json.WriteStartArray("gates");
        foreach (var image in gated)
        {
            json.WriteStartObject();
            json.WriteString("imageBuildVersionArn", ReportText.Plain(image.ImageBuildVersionArn));
            json.WriteBoolean("passed", image.Gate!.Passed);
            json.WriteString("summary", ReportText.ForSarif(image.Gate.Summary));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The artifact path with {image} filled in, as a relative URI (each segment escaped).</summary>
    internal static string ArtifactUri(string pattern, string imageName)
    {
        var path = pattern.Replace("{image}", imageName, StringComparison.Ordinal).Replace('\\', '/').TrimStart('/');
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }
}
