using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// A minimal STS: AssumeRole and GetCallerIdentity, in the AWS Query protocol (POST / with a form body, SigV4 for service "sts",
/// XML answers). It verifies the caller like the Image Builder operations do and issues temporary credentials
/// that those operations then accept, so an assume-role profile can be tried end to end without AWS. Every
/// role exists and may be assumed by the configured key, except roles in the accounts of --deny-assume-role
/// (AccessDenied), and roles of --mfa-role answer only with the MFA device's serial and code; nothing else of IAM is emulated. GetCallerIdentity names
/// the signer's account: the administrator's for the configured key, the role's for temporary credentials.
/// </summary>
internal sealed partial class StsHandler(TemporaryCredentials sessions, RequestLog requests, SigV4Verifier verifier,
    Func<DateTimeOffset> clock, int minSessionSeconds, IReadOnlyList<string> deniedRoleAccounts, MfaCheck mfa, string adminAccountId, ILogger logger)
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private const string Service = "sts";
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>STS requests are form posts to the root; Image Builder's are JSON posts to an operation path.</summary>
    public static bool Handles(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is "/" or "" ;

    public async Task HandleAsync(HttpContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var body = await IncomingRequest.ReadBodyAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "/";
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(',', h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        var record = requests.Record(null, context.Request.Method, target, headers, MfaCheck.Redact(Encoding.UTF8.GetString(body)), requestId);
        try
        {
            if (body.Length > MaxBodyBytes)
            {
                throw new ApiError("ValidationError", 400, "The request body is too large.");
            }
            var refusal = verifier.Verify(new SignedRequest(context.Request.Method, target, n => IncomingRequest.Header(context.Request, n), body), out var caller, Service);
            if (refusal is not null)
            {
                requests.RecordRefusal();
                throw StsError(refusal);
            }
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            string? Value(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            var action = Value("Action");
            if (action is not ("AssumeRole" or "GetCallerIdentity") || Value("Version") != "2011-06-15")
            {
                throw new ApiError("InvalidAction", 400, $"Could not find operation {action} for version {Value("Version")}");
            }
            if (action == "GetCallerIdentity")
            {
                // The verifier names no account for the administrator (it sees every account): its own is the configured one.
                await WriteAsync(context, 200, Identity(caller.AccountId ?? adminAccountId, sessions.Find(caller.AccessKeyId), caller.AccessKeyId, requestId));
                return;
            }
            var roleArn = Value("RoleArn");
            var sessionName = Value("RoleSessionName");
            if (string.IsNullOrEmpty(roleArn) || string.IsNullOrEmpty(sessionName))
            {
                throw new ApiError("ValidationError", 400, "RoleArn and RoleSessionName are required.");
            }
            var role = RolePattern().Match(roleArn);
            if (!role.Success)
            {
                throw new ApiError("ValidationError", 400, $"{roleArn} is invalid");
            }
            if (!SessionNamePattern().IsMatch(sessionName))
            {
                throw new ApiError("ValidationError", 400, "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
            }
            if (deniedRoleAccounts.Contains(role.Groups["account"].Value, StringComparer.Ordinal))
            {
                // As STS words it when the role's trust policy does not name the caller.
                throw new ApiError("AccessDenied", 403, $"User: the caller is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
            }
            if (mfa.Refusal(roleArn, Value("SerialNumber"), Value("TokenCode")) is { } mfaRefusal)
            {
                throw mfaRefusal;
            }
            var seconds = Math.Max(3600, minSessionSeconds);
            if (Value("DurationSeconds") is { } duration
                && (!int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds < minSessionSeconds || seconds > 43200))
            {
                throw new ApiError("ValidationError", 400, $"1 validation error detected: Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between {minSessionSeconds} and 43200");
            }
            var issued = sessions.Issue(roleArn, sessionName, TimeSpan.FromSeconds(seconds), clock());
            await WriteAsync(context, 200, Success(issued, role.Groups["account"].Value, requestId));
        }
        catch (ApiError error)
        {
            record.ErrorCode = error.Code;
            await WriteAsync(context, error.Status, Error(error, requestId));
        }
        finally
        {
            record.End(context.Response.StatusCode, context.RequestAborted.IsCancellationRequested);
            logger.LogInformation("STS {Method} {Target} -> {Status} {Code}", context.Request.Method, target, context.Response.StatusCode, record.ErrorCode);
        }
    }

    /// <summary>STS names the shared SigV4 refusals its own way.</summary>
    private static ApiError StsError(ApiError refusal) => refusal.Code switch
    {
        "UnrecognizedClientException" => new("InvalidClientTokenId", 403, refusal.Message),
        "InvalidSignatureException" => new("SignatureDoesNotMatch", 403, refusal.Message),
        "MissingAuthenticationTokenException" => new("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
        "IncompleteSignatureException" => new("IncompleteSignature", 403, refusal.Message),
        "ExpiredTokenException" => new("ExpiredToken", 403, refusal.Message),
        _ => refusal,
    };

    // One spelling of an assumed role for AssumeRole's answer and GetCallerIdentity's.
    private static string AssumedRoleArn(string account, IssuedCredentials c) =>
        $"arn:aws:sts::{account}:assumed-role/{RolePattern().Match(c.RoleArn).Groups["name"].Value}/{c.RoleSessionName}";

    private static string AssumedRoleId(IssuedCredentials c) => $"AROAIBSCANEMULATOR0:{c.RoleSessionName}";

    private static string Success(IssuedCredentials c, string account, string requestId) =>
        $"""
        <AssumeRoleResponse xmlns="{Namespace}">
          <AssumeRoleResult>
            <AssumedRoleUser>
              <AssumedRoleId>{X(AssumedRoleId(c))}</AssumedRoleId>
              <Arn>{X(AssumedRoleArn(account, c))}</Arn>
            </AssumedRoleUser>
            <Credentials>
              <AccessKeyId>{c.AccessKeyId}</AccessKeyId>
              <SecretAccessKey>{X(c.SecretAccessKey)}</SecretAccessKey>
              <SessionToken>{X(c.SessionToken)}</SessionToken>
              <Expiration>{c.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration>
            </Credentials>
          </AssumeRoleResult>
          <ResponseMetadata>
            <RequestId>{requestId}</RequestId>
          </ResponseMetadata>
        </AssumeRoleResponse>
        """;

    private static string Identity(string account, IssuedCredentials? session, string accessKeyId, string requestId)
    {
        var arn = session is null ? $"arn:aws:iam::{account}:user/ibscan-emulator" : AssumedRoleArn(account, session);
        return $"""
            <GetCallerIdentityResponse xmlns="{Namespace}">
              <GetCallerIdentityResult>
                <Arn>{X(arn)}</Arn>
                <UserId>{X(session is null ? accessKeyId : AssumedRoleId(session))}</UserId>
                <Account>{account}</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata>
                <RequestId>{requestId}</RequestId>
              </ResponseMetadata>
            </GetCallerIdentityResponse>
            """;
    }

    private static string Error(ApiError error, string requestId) =>
        $"""
        <ErrorResponse xmlns="{Namespace}">
          <Error>
            <Type>Sender</Type>
            <Code>{X(error.Code)}</Code>
            <Message>{X(error.Message)}</Message>
          </Error>
          <RequestId>{requestId}</RequestId>
        </ErrorResponse>
        """;

    private static async Task WriteAsync(HttpContext context, int status, string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static string X(string text) => SecurityElement.Escape(text);

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]{1,64})$")]
    private static partial Regex RolePattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
