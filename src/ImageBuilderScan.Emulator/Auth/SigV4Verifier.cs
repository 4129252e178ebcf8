using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImageBuilderScan.Emulator;

/// <summary>What the verifier needs of a request, independent of ASP.NET Core so it can be tested alone.</summary>
internal sealed record SignedRequest(string Method, string RawTarget, Func<string, string?> Header, byte[] Body);

/// <summary>Who signed a verified request: the region of its credential scope, its account (null: every account), and its key.</summary>
internal sealed record CallerIdentity(string Region, string? AccountId, string AccessKeyId = "");

/// <summary>
/// Verifies AWS Signature Version 4 (header form) the way AWS refuses: recomputes the canonical request from
/// what arrived (method, URI-encoded path, sorted query, the signed headers, the SHA-256 of the body), the
/// string to sign for the credential scope's date and region, and compares HMACs. Written from the AWS
/// documentation, sharing no code with any client.
/// </summary>
internal sealed class SigV4Verifier(EmulatorOptions options, Func<DateTimeOffset> clock, TemporaryCredentials? sessions = null)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    public const string ImageBuilderService = "imagebuilder";
    private const string Mismatch = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    private const string BadToken = "The security token included in the request is invalid.";

    /// <summary>
    /// Null when the request is authentic; otherwise the refusal to send (403). It may be signed with the configured
    /// long-term key (and the configured session token, if any) or with temporary credentials issued by AssumeRole
    /// (and their own session token, until they expire).
    /// </summary>
    public ApiError? Verify(SignedRequest request, string service = ImageBuilderService) => Verify(request, out _, service);

    /// <summary>
    /// As <see cref="Verify(SignedRequest, string)"/>, and who signed it: the configured key is the delegated
    /// administrator (every account); temporary credentials are their role's account, unless that is the administrator's.
    /// </summary>
    public ApiError? Verify(SignedRequest request, out CallerIdentity caller, string service = ImageBuilderService)
    {
        caller = new CallerIdentity("", null);
        var authorization = request.Header("authorization");
        if (string.IsNullOrEmpty(authorization))
        {
            return Refuse("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!SigV4Authorization.TryParse(authorization, out var auth, out var problem))
        {
            return Refuse("IncompleteSignatureException", problem);
        }
        // A region not enabled for the account: AWS answers as if the key did not exist there.
        if (options.DisabledRegions.Contains(auth.Region, StringComparer.Ordinal))
        {
            return Refuse("UnrecognizedClientException", BadToken);
        }
        var token = request.Header("x-amz-security-token");
        string secret;
        string? account = null;
        if (string.Equals(auth.AccessKeyId, options.AccessKeyId, StringComparison.Ordinal))
        {
            if (!string.Equals(token, options.SessionToken, StringComparison.Ordinal))
            {
                return Refuse("UnrecognizedClientException", BadToken);
            }
            secret = options.SecretAccessKey;
        }
        else if (sessions?.Find(auth.AccessKeyId) is { } issued)
        {
            if (!string.Equals(token, issued.SessionToken, StringComparison.Ordinal))
            {
                return Refuse("UnrecognizedClientException", BadToken);
            }
            if (issued.Expiration <= clock())
            {
                return Refuse("ExpiredTokenException", "The security token included in the request is expired");
            }
            secret = issued.SecretAccessKey;
            account = issued.AccountId == options.AdminAccountId ? null : issued.AccountId;
        }
        else
        {
            return Refuse("UnrecognizedClientException", BadToken);
        }
        if (auth.Service != service)
        {
            return Refuse("InvalidSignatureException", $"Credential should be scoped to correct service: '{service}'.");
        }
        if (!auth.SignedHeaders.Contains("host"))
        {
            return Refuse("InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        var amzDate = request.Header("x-amz-date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return Refuse("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!amzDate.StartsWith(auth.Date, StringComparison.Ordinal))
        {
            return Refuse("InvalidSignatureException", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{auth.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }
        var now = clock();
        if ((now - signedAt).Duration() > options.MaxClockSkew)
        {
            var f = "yyyyMMdd'T'HHmmss'Z'";
            var minutes = (int)options.MaxClockSkew.TotalMinutes;
            var message = signedAt < now
                ? $"Signature expired: {amzDate} is now earlier than {(now - options.MaxClockSkew).UtcDateTime.ToString(f, CultureInfo.InvariantCulture)} ({now.UtcDateTime.ToString(f, CultureInfo.InvariantCulture)} - {minutes} min.)"
                : $"Signature not yet current: {amzDate} is still later than {(now + options.MaxClockSkew).UtcDateTime.ToString(f, CultureInfo.InvariantCulture)} ({now.UtcDateTime.ToString(f, CultureInfo.InvariantCulture)} + {minutes} min.)";
            return Refuse("InvalidSignatureException", message);
        }
        var bodyHash = Hex(SHA256.HashData(request.Body));
        // A declared payload hash must be the real one: otherwise a changed body would pass under an unchanged header.
        var declared = request.Header("x-amz-content-sha256");
        if (declared is not null && !string.Equals(declared, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("InvalidSignatureException", Mismatch);
        }
        var canonical = CanonicalRequest.Build(request, auth.SignedHeaders, declared ?? bodyHash);
        if (canonical is null)
        {
            return Refuse("InvalidSignatureException", Mismatch);
        }
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = SigningKey(secret, auth.Date, auth.Region, auth.Service);
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
        {
            // AWS shows what it computed, so a client author can see where the two differ (never the key).
            return Refuse("InvalidSignatureException",
                $"{Mismatch}\n\nThe Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n");
        }
        caller = new CallerIdentity(auth.Region, account, auth.AccessKeyId);
        return null;
    }

    internal static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    internal static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static ApiError Refuse(string code, string message) => new(code, 403, message);
}
