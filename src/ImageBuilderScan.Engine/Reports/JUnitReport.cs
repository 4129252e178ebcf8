using System.Xml;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes JUnit XML (the Ant schema CI systems read): a testsuite per image, a testcase per
/// vulnerability and package. Violations are failures (message: severity and title), suppressed
/// findings are skipped with the exception's reason, the others (below the threshold, within the
/// allowance, inherited, not fixable) plain passing testcases. A gated image also gets a "scan status"
/// testcase that fails when the scan state failed the gate.
/// </summary>
public static class JUnitReport
{
    public static void Write(Stream output, IReadOnlyList<ReportImage> images, JUnitOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JUnitOptions();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CloseOutput = false };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        for (var id = 0; id < images.Count; id++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteSuite(xml, images[id], id, options);
        }
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteSuite(XmlWriter xml, ReportImage image, int id, JUnitOptions options)
    {
        var rows = image.Findings
            .SelectMany(o => FindingRow.Of(o.Finding).Select(r => (Outcome: o, Row: r)))
            .OrderByDescending(x => x.Outcome.Severity)
            .ThenBy(x => x.Row.Key.VulnerabilityId, StringComparer.Ordinal)
            .ThenBy(x => x.Row.Key.PackageName, StringComparer.Ordinal)
            .ToList();
        var gate = image.Gate;
        // A build not judged (its scan state, its data or its baseline) is an error, not a failure: CI tools
        // tell "the tests could not run" from "the tests ran and failed" by it.
        var failures = rows.Count(x => x.Outcome.Verdict == FindingVerdict.Violation);
        var errors = gate?.ScanProblem is null ? 0 : 1;
        var skipped = rows.Count(x => x.Outcome.Verdict == FindingVerdict.Suppressed);
        var timestamp = (options.Timestamp ?? gate?.EvaluatedAt ?? DateTime.UtcNow).ToUniversalTime();

        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Token(image.DisplayName));
        xml.WriteAttributeString("timestamp", timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteAttributeString("hostname", Token(options.Hostname ?? Environment.MachineName, "localhost"));
        xml.WriteAttributeString("tests", Number(rows.Count + (gate is null ? 0 : 1)));
        xml.WriteAttributeString("failures", Number(failures));
        xml.WriteAttributeString("errors", Number(errors));
        xml.WriteAttributeString("skipped", Number(skipped));
        xml.WriteAttributeString("time", "0");
        xml.WriteAttributeString("package", Token(image.ImageName));
        xml.WriteAttributeString("id", Number(id));

        xml.WriteStartElement("properties");
        Property(xml, "imageBuildVersionArn", image.ImageBuildVersionArn);
        if (gate is not null)
        {
            Property(xml, "passed", gate.Passed ? "true" : "false");
            Property(xml, "scanStatus", gate.ScanStatus ?? "UNKNOWN");
            Property(xml, "failOn", gate.Policy.FailOn.ToServiceName());
            Property(xml, "summary", gate.Summary);
        }
        xml.WriteEndElement();

        if (gate is not null) WriteScanCase(xml, image, gate);
        foreach (var (outcome, row) in rows) WriteCase(xml, image, outcome, row);

        xml.WriteElementString("system-out", ReportText.ForXml(gate?.Summary));
        xml.WriteElementString("system-err", ReportText.ForXml(gate is null ? "" : string.Join("\n",
            gate.ExpiredMatches.Select(m => $"Expired exception {m.Exception.VulnerabilityId} ({m.Exception.Location}, expired {m.Exception.ExpiresText}) matched {m.Finding.VulnerabilityId}; it no longer suppresses."))));
        xml.WriteEndElement();
    }

    private static void WriteScanCase(XmlWriter xml, ReportImage image, GateResult gate)
    {
        StartCase(xml, "scan status", image.ImageName);
        if (gate.ScanProblem is not null) Outcome(xml, "error", "not judged: " + gate.ScanProblem, "NotJudged", gate.Summary);
        xml.WriteEndElement();
    }

    private static void WriteCase(XmlWriter xml, ReportImage image, FindingOutcome outcome, FindingRow row)
    {
        StartCase(xml, row.Key.ToString(), image.ImageName);
        var finding = outcome.Finding;
        if (outcome.Verdict == FindingVerdict.Violation)
        {
            var details = new StringBuilder();
            details.Append(finding.Description);
            if (row.InstalledVersion is not null) details.Append("\nInstalled: ").Append(row.PackageName).Append(' ').Append(row.InstalledVersion);
            details.Append("\nFixed in: ").Append(FixedIn.Label(row.FixedInVersion));
            if (finding.RemediationText is not null) details.Append("\nRemediation: ").Append(finding.RemediationText);
            Outcome(xml, "failure", $"{outcome.Severity.ToServiceName()} {finding.Title ?? finding.VulnerabilityId}", outcome.Severity.ToServiceName(), details.ToString().Trim());
        }
        else if (outcome.Verdict == FindingVerdict.Suppressed)
        {
            var entry = outcome.Exception!;
            var expires = entry.ExpiresText is null ? "" : $", until {entry.ExpiresText}";
            Outcome(xml, "skipped", entry.Reason, null, $"Suppressed by the exception at {entry.Location}{expires}.");
        }
        xml.WriteEndElement();
    }

    private static void StartCase(XmlWriter xml, string name, string classname)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Token(name));
        xml.WriteAttributeString("classname", Token(classname));
        xml.WriteAttributeString("time", "0");
    }

    private static void Outcome(XmlWriter xml, string element, string message, string? type, string text)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("message", ReportText.ForXml(message));
        if (type is not null) xml.WriteAttributeString("type", type);
        xml.WriteString(ReportText.ForXml(text));
        xml.WriteEndElement();
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", name);
        xml.WriteAttributeString("value", ReportText.ForXml(value));
        xml.WriteEndElement();
    }

    /// <summary>An xs:token: no line breaks or tabs, single spaces, trimmed; never empty.</summary>
    private static string Token(string? text, string fallback = "unnamed")
    {
        var token = string.Join(' ', ReportText.ForXml(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return token.Length == 0 ? fallback : token;
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
