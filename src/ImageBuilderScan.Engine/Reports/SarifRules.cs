using System.Text.Json;
using ImageBuilderScan.Engine.Gate;
using ImageBuilderScan.Engine.Findings;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>The tool.driver.rules of a SARIF report: one rule per vulnerability id.</summary>
internal static class SarifRules
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<IGrouping<string, SarifRow>> rules)
    {
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            // The most severe finding speaks for the rule: its score is what GitHub ranks the alert by.
            var lead = rule.OrderByDescending(r => FindingScore.Of(r.Row.Finding)).First().Row;
            var finding = lead.Finding;
            var severity = SeverityRank.FailClosed(finding.Severity);
            json.WriteStartObject();
            json.WriteString("id", rule.Key);
            WriteText(json, "shortDescription", finding.Title ?? rule.Key);
            WriteText(json, "fullDescription", finding.Description ?? finding.Title ?? rule.Key);
            var helpUri = ReportText.SafeUrl(finding.SourceUrl) ?? finding.ReferenceUrls.Select(ReportText.SafeUrl).FirstOrDefault(u => u is not null);
            if (helpUri is not null) json.WriteString("helpUri", helpUri);
            json.WriteStartObject("help");
            json.WriteString("text", ReportText.ForSarif(HelpText(lead)));
            json.WriteString("markdown", HelpMarkdown(lead));
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", SarifLevel.Of(severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("security-severity", FindingScore.Text(FindingScore.Of(finding)));
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteStringValue("vulnerability");
            json.WriteStringValue(severity.ToServiceName().ToLowerInvariant());
            json.WriteEndArray();
            json.WriteString("precision", "very-high");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", ReportText.ForSarif(text));
        json.WriteEndObject();
    }

    private static string HelpText(FindingRow row)
    {
        var f = row.Finding;
        var text = new StringBuilder(f.Description ?? f.Title ?? f.VulnerabilityId);
        if (f.RemediationText is not null) text.Append("\n\nRemediation: ").Append(f.RemediationText);
        if (row.FixedInVersion is not null) text.Append("\n\nFixed in: ").Append(row.PackageName).Append(' ').Append(row.FixedInVersion);
        var references = References(row).ToList();
        if (references.Count > 0) text.Append("\n\nReferences:\n").AppendJoin("\n", references);
        return text.ToString();
    }

    private static string HelpMarkdown(FindingRow row)
    {
        var f = row.Finding;
        var text = new StringBuilder(MarkdownText.Escape(f.Description ?? f.Title ?? f.VulnerabilityId, 4000));
        if (f.RemediationText is not null) text.Append("\n\n**Remediation:** ").Append(MarkdownText.Escape(f.RemediationText, 2000));
        if (row.FixedInVersion is not null) text.Append("\n\n**Fixed in:** ").Append(MarkdownText.Escape(row.PackageName)).Append(' ').Append(MarkdownText.Escape(row.FixedInVersion));
        var references = References(row).ToList();
        if (references.Count > 0)
        {
            text.Append("\n\n**References:**\n");
            foreach (var url in references) text.Append("\n- ").Append(ReportText.SafeUrl(url) is string safe ? $"<{safe}>" : MarkdownText.Escape(url));
        }
        return text.ToString();
    }

    private static IEnumerable<string> References(FindingRow row) =>
        new[] { row.Finding.SourceUrl, row.Finding.RemediationUrl }.Concat(row.Finding.ReferenceUrls)
            .Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!).Distinct(StringComparer.Ordinal).Take(20);
}

/// <summary>One SARIF result to be: a row of an image, with the gate's verdict on its finding.</summary>
internal sealed record SarifRow(ReportImage Image, FindingOutcome Outcome, FindingRow Row);
