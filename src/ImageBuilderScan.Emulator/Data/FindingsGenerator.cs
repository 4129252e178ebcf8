using System.Text.Json;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// A deterministic data set from a seed: the same seed and sizes give the same findings on every machine and
/// runtime (SplitMix64, not System.Random, whose sequence is not promised across versions).
/// </summary>
internal static class FindingsGenerator
{
    private static readonly string[] Severities = ["CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "MEDIUM", "LOW", "LOW", "INFORMATIONAL", "UNTRIAGED"];
    private static readonly string[] PipelineNames = ["web-frontend", "payments-api", "batch-worker", "base-al2023", "windows-iis", "ml-inference", "edge-proxy", "data-ingest"];
    private static readonly Package[] Packages =
    [
        new("openssl-libs", "3.0.8-1.amzn2023.0.3", "3.0.8-1.amzn2023.0.11", "OS"),
        new("glibc", "2.34-52.amzn2023.0.3", "2.34-52.amzn2023.0.8", "OS"),
        new("curl-minimal", "8.3.0-1.amzn2023.0.1", "8.5.0-1.amzn2023.0.2", "OS"),
        new("python3-urllib3", "1.25.10-5.amzn2023.0.1", "1.25.10-5.amzn2023.0.3", "OS"),
        new("log4j-core", "2.14.1", "2.17.1", "JAR"),
        new("lodash", "4.17.15", "4.17.21", "NODE"),
        new("requests", "2.28.1", "2.31.0", "PYTHON"),
        new("golang.org/x/net", "0.7.0", "0.17.0", "GOMOD"),
    ];

    public static IReadOnlyList<EmulatedFinding> Generate(EmulatorOptions o)
    {
        var random = new SplitMix64((ulong)o.Seed);
        var vulnerabilities = Enumerable.Range(0, Math.Max(1, o.Vulnerabilities)).Select(i => VulnerabilityId(i, random)).ToArray();
        var vulnerabilitySeverity = vulnerabilities.Select(_ => Severities[random.Next(Severities.Length)]).ToArray();
        var findings = new List<EmulatedFinding>();
        var observedBase = 1735689600L; // 2025-01-01T00:00:00Z
        for (var a = 0; a < o.Accounts; a++)
        {
            var account = (100000000000L + (long)(random.NextUlong() % 899999999999UL)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var p = 0; p < o.PipelinesPerAccount; p++)
            {
                var name = PipelineNames[p % PipelineNames.Length] + (p >= PipelineNames.Length ? "-" + (p / PipelineNames.Length) : "");
                // Without --regions everything is us-east-1, exactly as before; with it, pipelines take turns.
                var region = o.Regions is { Count: > 0 } regions ? regions[(a * o.PipelinesPerAccount + p) % regions.Count] : "us-east-1";
                var pipeline = $"arn:aws:imagebuilder:{region}:{account}:image-pipeline/{name}";
                for (var i = 0; i < o.ImagesPerPipeline; i++)
                {
                    var image = $"arn:aws:imagebuilder:{region}:{account}:image/{name}-recipe/1.{i}.0/{1 + random.Next(3)}";
                    var start = random.Next(vulnerabilities.Length);
                    var count = Math.Min(o.FindingsPerImage, vulnerabilities.Length);
                    for (var f = 0; f < count; f++)
                    {
                        var v = (start + f) % vulnerabilities.Length;
                        var observed = observedBase + random.Next(300 * 86400);
                        var json = FindingJson(account, image, pipeline, vulnerabilities[v], vulnerabilitySeverity[v], Packages[v % Packages.Length], observed, random);
                        findings.Add(new EmulatedFinding(account, image, pipeline, vulnerabilities[v], vulnerabilitySeverity[v], json));
                    }
                }
            }
        }
        return findings;
    }

    private static string VulnerabilityId(int i, SplitMix64 random) => (i % 5) switch
    {
        3 => $"ALAS2023-2025-{100 + random.Next(900)}",
        4 => $"GHSA-{Word(random)}-{Word(random)}-{Word(random)}",
        _ => $"CVE-{2021 + random.Next(5)}-{1000 + random.Next(60000)}",
    };

    private static string Word(SplitMix64 random)
    {
        const string alphabet = "23456789cfghjmpqrvwx";
        return string.Create(4, random, (span, r) => { for (var k = 0; k < span.Length; k++) span[k] = alphabet[r.Next(alphabet.Length)]; });
    }

    private static string FindingJson(string account, string image, string pipeline, string vulnerabilityId, string severity,
        Package package, long observed, SplitMix64 random)
    {
        var score = severity switch { "CRITICAL" => 9.8, "HIGH" => 7.5, "MEDIUM" => 5.3, "LOW" => 3.1, _ => 0.0 };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("awsAccountId", account);
            w.WriteString("imageBuildVersionArn", image);
            w.WriteString("imagePipelineArn", pipeline);
            w.WriteString("type", "PACKAGE_VULNERABILITY");
            w.WriteString("description", $"A flaw in {package.Name} ({vulnerabilityId}) may allow an attacker to compromise the host.");
            w.WriteString("title", $"{vulnerabilityId} - {package.Name}");
            w.WriteStartObject("remediation");
            w.WriteStartObject("recommendation");
            w.WriteString("text", $"Upgrade {package.Name} to {package.Fixed} or later.");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("severity", severity);
            w.WriteNumber("firstObservedAt", observed);
            w.WriteNumber("updatedAt", observed + random.Next(30 * 86400));
            w.WriteNumber("inspectorScore", score);
            w.WriteStartObject("inspectorScoreDetails");
            w.WriteStartObject("adjustedCvss");
            w.WriteString("scoreSource", "NVD");
            w.WriteString("cvssSource", "NVD");
            w.WriteString("version", "3.1");
            w.WriteNumber("score", score);
            w.WriteString("scoringVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
            w.WriteStartArray("adjustments");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("packageVulnerabilityDetails");
            w.WriteString("vulnerabilityId", vulnerabilityId);
            w.WriteStartArray("vulnerablePackages");
            w.WriteStartObject();
            w.WriteString("name", package.Name);
            w.WriteString("version", package.Version);
            w.WriteNumber("epoch", 0);
            w.WriteString("arch", "X86_64");
            w.WriteString("packageManager", package.Manager);
            w.WriteString("fixedInVersion", package.Fixed);
            w.WriteString("remediation", $"Upgrade to {package.Fixed}");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("source", vulnerabilityId.StartsWith("ALAS", StringComparison.Ordinal) ? "AMAZON_CVE" : vulnerabilityId.StartsWith("GHSA", StringComparison.Ordinal) ? "GITHUB" : "NVD");
            w.WriteStartArray("cvss");
            w.WriteStartObject();
            w.WriteNumber("baseScore", score);
            w.WriteString("scoringVector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
            w.WriteString("version", "3.1");
            w.WriteString("source", "NVD");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("relatedVulnerabilities");
            w.WriteEndArray();
            w.WriteString("sourceUrl", $"https://nvd.nist.gov/vuln/detail/{vulnerabilityId}");
            w.WriteString("vendorSeverity", severity);
            w.WriteNumber("vendorCreatedAt", observed - 7 * 86400);
            w.WriteNumber("vendorUpdatedAt", observed - 86400);
            w.WriteStartArray("referenceUrls");
            w.WriteStringValue($"https://www.cve.org/CVERecord?id={vulnerabilityId}");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("fixAvailable", "YES");
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A vulnerable package of the generated findings: installed, fixed-in version and package manager.</summary>
    private sealed record Package(string Name, string Version, string Fixed, string Manager);

    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public ulong NextUlong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int maxExclusive) => (int)(NextUlong() % (ulong)maxExclusive);
    }
}
