using System.Globalization;

namespace ImageBuilderScan.Client.Text;

/// <summary>
/// How a page token appears in a message or log line: whole when short, else a bounded prefix and
/// suffix with its length, so a 64 KB token never floods a terminal or a CI log. The whole token is
/// always available where a caller needs it (the resume point, the page, -NextTokenVariable).
/// </summary>
public static class TokenDisplay
{
    /// <summary>Tokens up to this length are shown whole (a resume command can be copied from the message).</summary>
    public const int MaxWhole = 200;

    /// <summary>The token whole when it has at most <see cref="MaxWhole"/> characters, else shortened.</summary>
    public static bool IsShownWhole(string token) => token.Length <= MaxWhole && InputDisplay.Show(token) == token;

    /// <summary><c>abcdef…uvwxyz (65535 characters)</c> for a long token; the token itself when short.</summary>
    public static string Show(string? token, int maxWhole = MaxWhole)
    {
        if (token is null) return "(none)";
        if (token.Length <= maxWhole) return InputDisplay.Show(token);
        var head = InputDisplay.Show(token[..24]);
        var tail = InputDisplay.Show(token[^12..]);
        return $"{head}…{tail} ({token.Length.ToString(CultureInfo.InvariantCulture)} characters)";
    }
}
