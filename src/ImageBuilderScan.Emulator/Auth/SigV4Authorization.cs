namespace ImageBuilderScan.Emulator;

/// <summary>The parts of "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, SignedHeaders=a;b, Signature=hex".</summary>
internal sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service,
    IReadOnlyList<string> SignedHeaders, string Signature)
{
    public static bool TryParse(string header, out SigV4Authorization auth, out string problem)
    {
        auth = null!;
        problem = "";
        const string prefix = "AWS4-HMAC-SHA256 ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
        {
            problem = $"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 expected, got '{header.Split(' ')[0]}'.";
            return false;
        }
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var piece in header[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = piece.IndexOf('=');
            if (eq > 0)
            {
                parts[piece[..eq]] = piece[(eq + 1)..];
            }
        }
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(k => !parts.ContainsKey(k) || parts[k].Length == 0).ToArray();
        if (missing.Length > 0)
        {
            problem = string.Join(" ", missing.Select(m => $"Authorization header requires '{m}' parameter.")) + $" Authorization={header}";
            return false;
        }
        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope[1].Length != 8 || scope.Any(s => s.Length == 0))
        {
            problem = $"Credential should be scoped to a valid region, not '{(scope.Length > 2 ? scope[2] : "")}'. Credential should be scoped with a valid terminator: 'aws4_request'. Credential={parts["Credential"]}";
            return false;
        }
        var signature = parts["Signature"];
        if (signature.Length != 64 || !signature.All(Uri.IsHexDigit))
        {
            problem = $"Signature must be 64 hexadecimal characters. Signature={signature}";
            return false;
        }
        auth = new SigV4Authorization(scope[0], scope[1], scope[2], scope[3],
            parts["SignedHeaders"].Split(';'), signature.ToLowerInvariant());
        return true;
    }
}
