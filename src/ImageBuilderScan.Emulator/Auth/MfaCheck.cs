using System.Text.RegularExpressions;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// The configured caller's one MFA device (<c>--mfa-serial</c>, <c>--mfa-code</c>: the code it "shows") and the roles whose
/// trust policy requires MFA (<c>--mfa-role</c>). As STS: a role that requires MFA answers only when AssumeRole carries
/// that device's SerialNumber and current TokenCode; MFA given for any role is checked. The code is never recorded.
/// </summary>
internal sealed partial class MfaCheck(IReadOnlyList<string> roles, string serialNumber, string tokenCode)
{
    /// <summary>Null when AssumeRole may go on; else STS's refusal (never naming the code).</summary>
    public ApiError? Refusal(string roleArn, string? serial, string? code)
    {
        var required = roles.Contains(roleArn, StringComparer.Ordinal);
        if (serial is null && code is null)
        {
            // As STS words it when the trust policy's aws:MultiFactorAuthPresent condition is not met.
            return required ? new ApiError("AccessDenied", 403, $"User: the caller is not authorized to perform: sts:AssumeRole on resource: {roleArn}") : null;
        }
        if (string.IsNullOrEmpty(serial) || string.IsNullOrEmpty(code))
        {
            return new ApiError("ValidationError", 400, "SerialNumber and TokenCode must be given together.");
        }
        if (!CodePattern().IsMatch(code))
        {
            return new ApiError("ValidationError", 400, "1 validation error detected: Value at 'tokenCode' failed to satisfy constraint: Member must have length 6 and satisfy regular expression pattern: [\\d]*");
        }
        return serial == serialNumber && code == tokenCode
            ? null
            : new ApiError("AccessDenied", 403, "MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }

    /// <summary>A form body as the request log keeps it: the TokenCode's value replaced.</summary>
    public static string Redact(string formBody) => TokenCodeField().Replace(formBody, "${name}=***");

    [GeneratedRegex(@"^\d{6}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(?<name>(?:^|&)TokenCode)=[^&]*")]
    private static partial Regex TokenCodeField();
}
