using ImageBuilderScan.Engine.Comparison;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>What changed between builds (Compare-IBScanFinding): a count per kind, then the rows, most needing work first.</summary>
internal static class ChangesSection
{
    public static void Write(HtmlWriter html, IReadOnlyList<FindingChange> changes, CancellationToken cancellationToken)
    {
        html.Section("changes", "What changed");
        html.Open("ul", ("class", "totals"));
        foreach (var kind in Enum.GetValues<ChangeKind>())
        {
            var count = changes.Count(c => c.Change == kind);
            if (count > 0 || kind != ChangeKind.Unchanged)
                html.Open("li", ("data-change", kind.ToString())).Text(Word(kind) + ": ").Element("strong", HtmlText.Number(count)).Close();
        }
        html.Close();
        html.Open("div", ("class", "scroll"));
        html.Open("table", ("id", "table-changes"));
        html.Open("thead").Open("tr");
        foreach (var h in new[] { "Change", "Vulnerability", "Package", "Was", "Now", "Installed", "Fixed in", "Builds" }) html.Element("th", h);
        html.Close().Close();
        html.Open("tbody");
        foreach (var c in changes.OrderBy(c => c.Change))
        {
            cancellationToken.ThrowIfCancellationRequested();
            html.Open("tr", ("data-change", c.Change.ToString()));
            html.Element("td", Word(c.Change));
            html.Open("td").Element("code", c.VulnerabilityId).Close();
            html.Element("td", c.PackageName);
            Severity(html, c.ReferenceSeverity);
            Severity(html, c.DifferenceSeverity);
            html.Element("td", c.DifferenceInstalledVersion ?? c.ReferenceInstalledVersion ?? "-");
            html.Element("td", FixedIn.Label(c.FixedInVersion));
            html.Element("td", $"{Short(c.ReferenceImageBuildVersionArn)} \u2192 {Short(c.DifferenceImageBuildVersionArn)}");
            html.Close();
        }
        html.Close().Close().Close().Close();
    }

    internal static void Severity(HtmlWriter html, string? severity)
    {
        html.Open("td");
        if (severity is not null) html.Element("span", severity, ("class", $"badge sev-{FindingsSection.Key(severity)}"));
        else html.Text("-");
        html.Close();
    }

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "Added",
        ChangeKind.SeverityChanged => "Severity changed",
        ChangeKind.Fixed => "Fixed",
        _ => "Unchanged",
    };

    /// <summary>"web-frontend 1.5.0/1" from a build ARN, or the text as it came.</summary>
    private static string Short(string? arn) => Client.Model.ImageBuilderArn.TryParse(arn) is { Version: { } v } a
        ? $"{a.Name} {v}{(a.Build is null ? "" : "/" + a.Build)}" : arn ?? "?";
}
