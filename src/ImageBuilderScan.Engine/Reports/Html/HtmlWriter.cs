namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Writes elements that always close, with attributes always quoted and escaped, so the report is
/// well-formed HTML that also parses as XML (a test parses it so). The only way to put text in is
/// <see cref="Text"/> or an attribute value, both escaped by <see cref="HtmlText"/>; markup comes only
/// from this writer's callers, never from data.
/// </summary>
internal sealed class HtmlWriter(TextWriter output)
{
    private readonly Stack<string> _open = new();

    /// <summary>Opens an element; attributes with a null value are left out.</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        Start(tag, attributes);
        output.Write('>');
        _open.Push(tag);
        return this;
    }

    /// <summary>Opens a report section: its anchor (<c>id</c>, which the report's links and tests use) and its heading.</summary>
    public HtmlWriter Section(string id, string heading)
    {
        Open("section", ("id", id));
        return Element("h2", heading);
    }

    /// <summary>An element with no content, closed at once (&lt;meta/&gt;, &lt;rect/&gt;).</summary>
    public HtmlWriter Empty(string tag, params (string Name, string? Value)[] attributes)
    {
        Start(tag, attributes);
        output.Write("/>");
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        Text(text);
        return Close();
    }

    /// <summary>Escaped text; longer than <paramref name="maxLength"/> characters it is cut with an ellipsis.</summary>
    public HtmlWriter Text(string? text, int maxLength = int.MaxValue)
    {
        output.Write(HtmlText.Escape(text, maxLength));
        return this;
    }

    /// <summary>Trusted markup this module wrote itself (the style sheet); never data.</summary>
    public HtmlWriter Raw(string markup)
    {
        output.Write(markup);
        return this;
    }

    public HtmlWriter Close()
    {
        output.Write("</");
        output.Write(_open.Pop());
        output.Write('>');
        return this;
    }

    public void Line() => output.Write('\n');

    /// <summary>Closes everything still open (the end of the document).</summary>
    public void CloseAll()
    {
        while (_open.Count > 0) Close();
    }

    private void Start(string tag, (string Name, string? Value)[] attributes)
    {
        output.Write('<');
        output.Write(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            output.Write(' ');
            output.Write(name);
            output.Write("=\"");
            output.Write(HtmlText.Escape(value));
            output.Write('"');
        }
    }
}
