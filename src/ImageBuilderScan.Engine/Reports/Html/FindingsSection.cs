using ImageBuilderScan.Engine.Findings;
using ImageBuilderScan.Engine.Gate;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// The findings behind the counts: the top ones (most severe and highest scored first, as the Markdown
/// report orders them) with their advisory links, every finding in a folded table, the suppressed ones
/// with their reasons, and the expired exceptions.
/// </summary>
internal static class FindingsSection
{
    private const int LinksPerFinding = 3;

    public static void Write(HtmlWriter html, IReadOnlyList<ReportImage> images, int top, CancellationToken cancellationToken)
    {
        var rows = RankedFindings.Of(images).ToList();
        if (rows.Count > 0 && top > 0)
        {
            html.Section("top-findings", $"Top {Math.Min(top, rows.Count)} finding(s)");
            Table(html, "table-top", rows.Take(top), links: true, cancellationToken);
            html.Close();
        }

        if (rows.Count > 0)
        {
            html.Open("section", ("id", "all-findings"));
            html.Open("details");
            html.Element("summary", $"Every finding that counts ({rows.Count})");
            Table(html, "table-all", rows, links: false, cancellationToken);
            html.Close().Close();
        }

        var suppressed = images.SelectMany(i => i.Findings.Where(o => o.Verdict == FindingVerdict.Suppressed).Select(o => (Image: i, Outcome: o))).ToList();
        if (suppressed.Count > 0)
        {
            html.Section("suppressed", $"Suppressed findings ({suppressed.Count})");
            html.Open("div", ("class", "scroll")).Open("table", ("id", "table-suppressed"));
            html.Open("thead").Open("tr");
            foreach (var h in new[] { "Severity", "Vulnerability", "Package", "Build", "Reason", "Exception", "Expires" }) html.Element("th", h);
            html.Close().Close().Open("tbody");
            foreach (var (image, outcome) in suppressed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                html.Open("tr");
                ChangesSection.Severity(html, outcome.Finding.Severity);
                html.Open("td").Element("code", outcome.Finding.VulnerabilityId).Close();
                html.Element("td", outcome.Finding.PackageName ?? "-");
                html.Element("td", image.DisplayName);
                html.Element("td", outcome.Reason ?? "-");
                html.Element("td", outcome.Exception?.Location ?? "-");
                html.Element("td", outcome.Exception?.ExpiresText ?? "never");
                html.Close();
            }
            html.Close().Close().Close().Close();
        }

        var expired = images.Where(i => i.Gate is not null).SelectMany(i => i.Gate!.ExpiredEntries).Distinct().ToList();
        if (expired.Count > 0)
        {
            html.Section("expired", $"Expired exceptions ({expired.Count})");
            html.Element("p", "These entries of the exceptions file no longer suppress anything: renew or remove them.", ("class", "muted"));
            html.Open("div", ("class", "scroll")).Open("table", ("id", "table-expired"));
            html.Open("thead").Open("tr");
            foreach (var h in new[] { "Vulnerability", "Package", "Expired", "Where", "Reason", "Findings it would match" }) html.Element("th", h);
            html.Close().Close().Open("tbody");
            foreach (var entry in expired)
            {
                var matched = images.Where(i => i.Gate is not null).Sum(i => i.Gate!.ExpiredMatches.Count(m => ReferenceEquals(m.Exception, entry) || m.Exception == entry));
                html.Open("tr");
                html.Open("td").Element("code", entry.VulnerabilityId).Close();
                html.Element("td", entry.Package ?? "any");
                html.Element("td", entry.ExpiresText ?? "-");
                html.Element("td", entry.Location);
                html.Element("td", entry.Reason);
                html.Element("td", HtmlText.Number(matched), ("class", "n"));
                html.Close();
            }
            html.Close().Close().Close().Close();
        }
    }

    private static void Table(HtmlWriter html, string id, IEnumerable<(ReportImage Image, FindingOutcome Outcome, FindingRow Row)> rows, bool links,
        CancellationToken cancellationToken)
    {
        html.Open("div", ("class", "scroll")).Open("table", ("id", id));
        html.Open("thead").Open("tr");
        var headers = links
            ? new[] { "Severity", "Score", "Vulnerability", "Package", "Installed", "Fixed in", "Build", "Title", "Advisories" }
            : ["Severity", "Score", "Vulnerability", "Package", "Installed", "Fixed in", "Build"];
        foreach (var h in headers) html.Element("th", h);
        html.Close().Close().Open("tbody");
        foreach (var (image, outcome, row) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            html.Open("tr", ("data-severity", Key(outcome.Finding.Severity)));
            html.Open("td").Element("span", SeverityRank.ToServiceName(outcome.Severity), ("class", $"badge sev-{Key(outcome.Finding.Severity)}"));
            if (outcome.Verdict == FindingVerdict.Violation) html.Text(" fails");
            html.Close();
            html.Element("td", FindingScore.Text(FindingScore.Of(outcome.Finding)), ("class", "n"));
            html.Open("td").Element("code", row.Key.VulnerabilityId).Close();
            html.Element("td", row.PackageName.Length == 0 ? "-" : row.PackageName);
            html.Element("td", row.InstalledVersion ?? "-");
            html.Element("td", FixedIn.Label(row.FixedInVersion));
            html.Element("td", image.DisplayName);
            if (links)
            {
                html.Open("td").Text(outcome.Finding.Title, 200).Close();
                html.Open("td");
                var first = true;
                foreach (var url in Advisories(outcome.Finding))
                {
                    if (!first) html.Text(" ");
                    first = false;
                    html.Element("a", Host(url), ("href", url), ("rel", "noopener noreferrer"));
                }
                if (first) html.Text("-");
                html.Close();
            }
            html.Close();
        }
        html.Close().Close().Close();
    }

    /// <summary>The finding's source and reference URLs that are http(s) and safe in a link, at most three.</summary>
    internal static IEnumerable<string> Advisories(ScanFinding finding) =>
        new[] { finding.SourceUrl, finding.RemediationUrl }.Concat(finding.ReferenceUrls)
            .Select(ReportText.SafeUrl).OfType<string>().Distinct(StringComparer.Ordinal).Take(LinksPerFinding);

    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    /// <summary>The severity's class key: critical, high, medium, or other for the rest.</summary>
    internal static string Key(string? severity) => SeverityRank.Of(severity) switch
    {
        FindingSeverity.Critical => "critical",
        FindingSeverity.High => "high",
        FindingSeverity.Medium => "medium",
        _ => "other",
    };
}
