using System.Text;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>Service text made safe for the containers that carry it.</summary>
internal static class ReportText
{
    /// <summary>Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.</summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (ok)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (System.Xml.XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                continue;
            }
            clean ??= new StringBuilder(text, 0, i, text.Length);
            clean.Append('\uFFFD');
        }
        return clean?.ToString() ?? text;
    }

    /// <summary>An http(s) URL with nothing that could end a link early, or null.</summary>
    public static string? SafeUrl(string? url)
    {
        if (url is null || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return null;
        return url.AsSpan().IndexOfAny("<>()[] \"'`\\|\r\n\t") >= 0 ? null : url;
    }
}
