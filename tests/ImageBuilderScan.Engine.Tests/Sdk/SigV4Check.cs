using System.Security.Cryptography;
using System.Text;

namespace ImageBuilderScan.Engine.Tests.Sdk;

/// <summary>
/// An independent SigV4 check (AWS Signature Version 4 as documented, written here from the spec):
/// rebuilds the canonical request from what arrived on the wire and recomputes the signature.
/// </summary>
internal static class SigV4Check
{
    public static string ExpectedSignature(CapturedRequest request, string secretKey, string region, string service)
    {
        var authorization = request.Headers["Authorization"];
        var signedHeaders = Part(authorization, "SignedHeaders=");
        var amzDate = request.Headers["X-Amz-Date"];
        var date = amzDate[..8];

        var path = request.Target.Split('?')[0];
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
            canonicalHeaders.Append(name).Append(':').Append(string.Join(' ', request.Headers[name].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        var payloadHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var canonicalRequest = $"{request.Method}\n{path}\n\n{canonicalHeaders}\n{signedHeaders}\n{payloadHash}";

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string Part(string authorization, string prefix)
    {
        var start = authorization.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        var end = authorization.IndexOf(',', start);
        return (end < 0 ? authorization[start..] : authorization[start..end]).Trim();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
