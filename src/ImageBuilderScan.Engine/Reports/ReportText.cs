using ImageBuilderScan.Client.Errors;

namespace ImageBuilderScan.Engine.Reports;

/// <summary>
/// Service text made safe for the containers that carry it. Every text first goes through the one sanitiser
/// (<see cref="SecretRedaction.ForOutput"/>: secrets scrubbed; controls, escape sequences and bidi controls as
/// <c>\uXXXX</c>; no line starting with a CI runner's command), then gets its container's own escaping.
/// </summary>
internal static class ReportText
{
    /// <summary>Plain report text (SARIF properties, JUnit text): see the class summary.</summary>
    public static string Plain(string? text) => SecretRedaction.ForOutput(text);

    /// <summary>
    /// SARIF <c>message.text</c>-like plain text: <see cref="Plain"/>, and the link syntax SARIF viewers render in
    /// plain text (<c>[text](target)</c>, §3.11.6) escaped as SARIF says, with a backslash before <c>\</c>, <c>[</c> and <c>]</c>.
    /// </summary>
    public static string ForSarif(string? text)
    {
        var plain = Plain(text);
        return plain.AsSpan().IndexOfAny("\\[]") < 0 ? plain
            : plain.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
    }

    /// <summary><see cref="Plain"/> text, then what XML 1.0 cannot hold (lone surrogates, U+FFFE/U+FFFF) as U+FFFD.</summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = Plain(text);
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
