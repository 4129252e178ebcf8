namespace ImageBuilderScan.Client.Errors;

/// <summary>
/// What to check when AWS refuses the credentials themselves, read from the error code (Image Builder's
/// and STS's spellings): a wrong secret key is not a missing permission, and a region the account has not
/// enabled is not a trust policy. Null for codes that are not about the credentials.
/// </summary>
public static class CredentialRefusal
{
    public static string? Advice(string? errorCode, string? region) => errorCode switch
    {
        "InvalidSignatureException" or "SignatureDoesNotMatch" =>
            "The signature did not match: the secret access key is not the one of this access key (check the secret key given, or the profile's aws_secret_access_key).",
        "UnrecognizedClientException" or "InvalidClientTokenId" =>
            $"The access key (or session token) is not known{In(region)}: it is mistyped or deleted, or the region is an opt-in region not enabled for the account (enable it, or use another region).",
        "RegionDisabledException" =>
            $"STS is not active{In(region)} for this account: enable the region for the account, or ask another region.",
        "ExpiredTokenException" or "ExpiredToken" =>
            "The session token has expired: get new temporary credentials (aws sso login, or assume the role again).",
        _ => null,
    };

    private static string In(string? region) => string.IsNullOrEmpty(region) ? "" : $" in {region}";
}
