using System.Text.RegularExpressions;

namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// Takes secrets out of text that came from elsewhere before it reaches an exception message or a log.
/// A SigV4 mismatch answer echoes the canonical request, whose signed headers include the session token
/// (AWS and the emulator both do this); a URL may carry a password in its user-info.
/// </summary>
internal static partial class SecretRedaction
{
    public const string Redacted = "(redacted)";

    /// <summary>Replaces the value of every echoed <c>x-amz-security-token</c> or <c>authorization</c> header line.</summary>
    public static string? ServiceMessage(string? message) =>
        message is null ? null : EchoedSecretHeader().Replace(message, m => m.Groups["name"].Value + ":" + Redacted);

    /// <summary>A URL as text with any user-info (<c>user:password@</c>) replaced.</summary>
    public static string Url(string text) => UserInfo().Replace(text, "${scheme}" + Redacted + "@");

    [GeneratedRegex(@"(?im)^[ \t]*(?<name>x-amz-security-token|authorization)[ \t]*:[^\r\n]*")]
    private static partial Regex EchoedSecretHeader();

    [GeneratedRegex(@"(?<scheme>^[a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@")]
    private static partial Regex UserInfo();
}
