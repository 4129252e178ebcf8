using System.Net;
using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// Takes secrets out of every string the module writes (exception messages, log lines, error records, reports,
/// progress): the exact secret key and session token in use, in any spelling a server might echo them (as is,
/// URL-encoded, JSON- or HTML-escaped), and any value given to an <c>X-Amz-Security-Token</c> in any form (a query
/// parameter, a header line, a JSON member, an HTML cell, a form field). A SigV4 mismatch answer echoes the
/// canonical request, whose signed headers include the session token; a hostile endpoint may echo anything.
/// A URL may carry a password in its user-info.
/// </summary>
/// <remarks>
/// The secrets in use are remembered when a request is signed with them (<see cref="Remember"/>), process-wide
/// because every command of a session writes to the same host; at most <see cref="MaxRemembered"/> are kept.
/// </remarks>
public static partial class SecretRedaction
{
    public const string Redacted = "(redacted)";
    private const int MaxRemembered = 16;
    // Shorter strings are no secret AWS issues, and replacing them would mangle ordinary text.
    private const int MinSecretLength = 16;

    private static readonly object Gate = new();
    private static string[] _spellings = [];
    private static readonly Queue<string> Remembered = new();

    /// <summary>Remembers the secret key and session token a request is signed with.</summary>
    internal static void Remember(string? secretKey, string? sessionToken)
    {
        if (IsKnown(secretKey) && IsKnown(sessionToken)) return;
        lock (Gate)
        {
            foreach (var secret in new[] { secretKey, sessionToken })
            {
                if (secret is null || secret.Length < MinSecretLength || Remembered.Contains(secret)) continue;
                Remembered.Enqueue(secret);
                while (Remembered.Count > MaxRemembered) Remembered.Dequeue();
            }
            _spellings = Remembered.SelectMany(Spellings).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
        }
    }

    private static bool IsKnown(string? secret)
    {
        if (secret is null || secret.Length < MinSecretLength) return true;
        lock (Gate) return Remembered.Contains(secret);
    }

    private static IEnumerable<string> Spellings(string secret) =>
    [
        secret, Uri.EscapeDataString(secret), WebUtility.UrlEncode(secret), WebUtility.HtmlEncode(secret),
        secret.Replace("/", "\\/", StringComparison.Ordinal),
        System.Text.Json.JsonEncodedText.Encode(secret).Value,
    ];

    /// <summary>The text with every secret taken out (see the class summary); null stays null.</summary>
    public static string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var spellings = _spellings;
        foreach (var secret in spellings)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        if (text.Contains("security", StringComparison.OrdinalIgnoreCase) || text.Contains("authorization", StringComparison.OrdinalIgnoreCase))
        {
            text = EchoedSecretHeader().Replace(text, m => m.Groups["name"].Value + ":" + Redacted);
            text = NamedToken().Replace(text, m => m.Groups["lead"].Value + Redacted);
        }
        return text;
    }

    /// <summary>Text about to be written anywhere: secrets scrubbed (<see cref="Scrub"/>), then made inert
    /// (<see cref="Text.InputDisplay.Inert"/>); null becomes empty.</summary>
    public static string ForOutput(string? text) => Text.InputDisplay.Inert(Scrub(text));

    /// <summary>A service's message with every echoed secret taken out (see <see cref="Scrub"/>).</summary>
    internal static string? ServiceMessage(string? message) => Scrub(message);

    /// <summary>A URL as text with any user-info (<c>user:password@</c>) replaced.</summary>
    internal static string Url(string text) => UserInfo().Replace(text, "${scheme}" + Redacted + "@");

    [GeneratedRegex(@"(?im)^[ \t]*(?<name>x-amz-security-token|authorization)[ \t]*:[^\r\n]*")]
    private static partial Regex EchoedSecretHeader();

    // The name (any case, any separator spelling: x-amz-security-token, X_Amz_Security_Token, %2D-encoded dashes),
    // then what stands between a name and its value in a query, header, JSON member or HTML/XML markup, then the value.
    [GeneratedRegex(@"(?i)(?<lead>x(?:-|_|%2d)?amz(?:-|_|%2d)?security(?:-|_|%2d)?token(?:\\?[""']|\s|[:=]|&quot;|&#34;|&#x22;|value\s*=|</?[a-z][^<>]{0,200}>)*)(?<value>[^\s""'<>&,;]{1,})")]
    private static partial Regex NamedToken();

    [GeneratedRegex(@"(?<scheme>^[a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@")]
    private static partial Regex UserInfo();
}
