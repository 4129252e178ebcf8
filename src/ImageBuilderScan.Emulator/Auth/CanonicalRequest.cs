using System.Text;

namespace ImageBuilderScan.Emulator;

/// <summary>The SigV4 canonical request, built from what arrived on the wire.</summary>
internal static class CanonicalRequest
{
    /// <summary>Null when a signed header is missing from the request (the signature cannot match).</summary>
    public static string? Build(SignedRequest request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var query = request.RawTarget.IndexOf('?');
        var path = query < 0 ? request.RawTarget : request.RawTarget[..query];
        var rawQuery = query < 0 ? "" : request.RawTarget[(query + 1)..];
        var builder = new StringBuilder(512);
        builder.Append(request.Method).Append('\n');
        // Services other than S3 sign the path encoded twice: the wire form (encoded once) encoded again.
        builder.Append(Encode(path.Length == 0 ? "/" : path, keepSlash: true)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = request.Header(name);
            if (value is null)
            {
                return null;
            }
            builder.Append(name).Append(':').Append(Normalize(value)).Append('\n');
        }
        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return "";
        }
        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var eq = p.IndexOf('=');
            var name = Uri.UnescapeDataString(eq < 0 ? p : p[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(p[(eq + 1)..]);
            return (Name: Encode(name, false), Value: Encode(value, false));
        });
        return string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding: unreserved characters stay, every other byte becomes %XX.</summary>
    internal static string Encode(string text, bool keepSlash)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Trim and collapse runs of spaces, as the canonical header value requires.</summary>
    private static string Normalize(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    builder.Append(c);
                }
                space = true;
            }
            else
            {
                builder.Append(c);
                space = false;
            }
        }
        return builder.ToString();
    }
}
