using ImageBuilderScan.Client.Model;
using ImageBuilderScan.Engine.History;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// One self-contained HTML file (no script, no external style, font or image; a Content-Security-Policy
/// that forbids both) that opens from a mail attachment or a CI artifact: a headline, inline SVG charts
/// each with the same numbers in a table beside it, what changed, the top findings with advisory links,
/// suppressed findings and expired exceptions. Every piece of text from the service or a file goes
/// through <see cref="HtmlWriter"/>, which escapes it; the document is also well-formed XML.
/// </summary>
public static class HtmlReport
{
    public static void Write(TextWriter output, HtmlReportContent content, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(content.Top);
        output.NewLine = "\n";
        output.Write("<!DOCTYPE html>\n");
        var html = new HtmlWriter(output);
        html.Open("html", ("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en"));
        html.Open("head");
        html.Empty("meta", ("charset", "utf-8"));
        html.Empty("meta", ("http-equiv", "Content-Security-Policy"), ("content", HtmlStyle.ContentSecurityPolicy));
        html.Empty("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"));
        html.Empty("meta", ("name", "referrer"), ("content", "no-referrer"));
        html.Empty("meta", ("name", "generator"), ("content", "ImageBuilderScan"));
        html.Element("title", Title(content));
        html.Open("style").Raw(HtmlStyle.Css).Close();
        html.Close().Line();
        html.Open("body");
        html.Open("header");
        html.Element("h1", Title(content));
        Headline.Write(html, content);
        html.Close().Line();
        html.Open("main");
        if (content.Images.Count > 0) BuildsSection.Write(html, content.Images, cancellationToken);
        if (content.History.Count > 0) HistorySection.Write(html, content.History, cancellationToken);
        if (content.Changes.Count > 0) ChangesSection.Write(html, content.Changes, cancellationToken);
        if (content.Images.Count > 0) FindingsSection.Write(html, content.Images, content.Top, cancellationToken);
        html.Close().Line();
        html.Open("footer");
        html.Element("p", "Made by ImageBuilderScan from EC2 Image Builder image scan findings (Amazon Inspector). " +
            "This file runs no script and loads nothing: everything it shows is in it.");
        html.CloseAll();
        output.Write('\n');
    }

    private static string Title(HtmlReportContent content)
    {
        var pipelines = content.History.Select(h => h.PipelineName).Distinct(StringComparer.Ordinal).ToList();
        if (content.Images.Count == 0 && pipelines.Count == 1) return $"Image scan history: {pipelines[0]}";
        return content.Images.Count == 1 ? $"Image scan report: {content.Images[0].DisplayName}" : "Image scan report";
    }

    /// <summary>The builds a history chart and table plot: counts only for a completed scan, and drawn only when the service
    /// sent all four (a count it left out is unknown: the build gets the no-data mark, its table row says unknown, never 0).</summary>
    internal static ChartBuild ChartBuildOf(BuildHistoryEntry entry) => entry.ScanComplete
        ? new ChartBuild(entry.ImageBuildVersionArn, entry.Build ?? entry.ImageName, entry.DateCreated, entry.Critical, entry.High, entry.Medium,
            entry.All - entry.Critical - entry.High - entry.Medium,
            SeverityCountMembers.Missing(entry.All, entry.Critical, entry.High, entry.Medium) is { Count: > 0 } missing
                ? $"the service did not send {string.Join(", ", missing)}" : null)
        : new ChartBuild(entry.ImageBuildVersionArn, entry.Build ?? entry.ImageName, entry.DateCreated, null, null, null, null,
            entry.ScanStatus is null ? "not scanned" : $"scan {entry.ScanStatus}");
}
