using System.Xml;
using System.Xml.Linq;

namespace ImageBuilderScan.Engine.Tests.Reports.Html;

/// <summary>A report parsed as XML (it must be well-formed to parse), with the questions the tests ask of it.</summary>
internal sealed class HtmlDocument
{
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Every element the report's writer may emit: anything else was injected.</summary>
    public static readonly HashSet<string> AllowedElements =
    [
        "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3", "p", "ul", "li", "span", "strong",
        "dl", "dt", "dd", "div", "figure", "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td", "code", "a", "details", "summary",
        "svg", "desc", "line", "text", "rect", "path", "circle",
    ];

    public HtmlDocument(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
        Root = XDocument.Load(reader).Root!;
    }

    public XElement Root { get; }

    public IEnumerable<XElement> All(string name) => Root.Descendants().Where(e => e.Name.LocalName == name);

    public XElement ById(string id) => Root.Descendants().Single(e => (string?)e.Attribute("id") == id);

    /// <summary>The chart's marks with counts: (build, severity, value).</summary>
    public static List<(string Build, string Severity, long Value)> Marks(XElement chart) =>
        chart.Descendants().Where(e => e.Attribute("data-severity") is not null)
            .Select(e => ((string)e.Attribute("data-build")!, (string)e.Attribute("data-severity")!, long.Parse((string)e.Attribute("data-value")!)))
            .ToList();

    /// <summary>The table's numbers: (build, severity, text of the cell).</summary>
    public static List<(string Build, string Severity, string Text)> Cells(XElement table) =>
        table.Descendants().Where(e => e.Name.LocalName == "tr" && e.Attribute("data-build") is not null)
            .SelectMany(tr => tr.Elements().Where(td => td.Attribute("data-severity") is not null)
                .Select(td => ((string)tr.Attribute("data-build")!, (string)td.Attribute("data-severity")!, td.Value)))
            .ToList();
}
