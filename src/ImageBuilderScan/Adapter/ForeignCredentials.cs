using System.Reflection;

namespace ImageBuilderScan.Adapter;

/// <summary>A key pair read from another module's credential object. Never printed.</summary>
internal sealed class ForeignKeys(string accessKey, string secretKey, string? sessionToken)
{
    public string AccessKey { get; } = accessKey;
    public string SecretKey { get; } = secretKey;
    public string? SessionToken { get; } = sessionToken;
    public override string ToString() => "ForeignKeys(redacted)";
}

/// <summary>
/// Reads AWS Tools' credential objects without referencing their types: AWS Tools loads its own
/// AWSSDK.Core, so its <c>AWSCredentials</c> is a different type from ours even when the names
/// match. Accepted shapes: an <c>AWSCredentials</c> (anything with a parameterless
/// <c>GetCredentials()</c> returning an object with <c>AccessKey</c>, <c>SecretKey</c>,
/// <c>Token</c>), AWS Tools' session wrapper <c>AWSPSCredentials</c> (a <c>Credentials</c>
/// property holding one), or an <c>ImmutableCredentials</c>-like object itself.
/// </summary>
internal static class ForeignCredentials
{
    /// <summary>The keys, or null when the object has none of the accepted shapes.</summary>
    /// <exception cref="Client.Errors.ScanConfigurationException">The object has the shape but fetching its keys failed.</exception>
    public static ForeignKeys? TryRead(object? value) => TryRead(value, depth: 0);

    /// <summary>The profile name carried by AWS Tools' <c>$StoredAWSCredentials</c> when it is a name.</summary>
    public static string? ProfileNameOf(object? value) => value is string name && name.Length > 0 ? name : null;

    private static ForeignKeys? TryRead(object? value, int depth)
    {
        if (value is null || value is string || depth > 2) return null;
        var type = value.GetType();

        var keys = FromImmutable(value);
        if (keys is not null) return keys;

        var getCredentials = type.GetMethod("GetCredentials", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (getCredentials is not null)
        {
            object? immutable;
            try
            {
                immutable = getCredentials.Invoke(value, null);
            }
            catch (TargetInvocationException e)
            {
                throw new Client.Errors.ScanConfigurationException("CredentialUnavailable",
                    $"The credential object ({type.Name}) could not supply keys: {e.InnerException?.Message}", e.InnerException);
            }

            return FromImmutable(immutable);
        }

        var wrapped = type.GetProperty("Credentials", BindingFlags.Public | BindingFlags.Instance);
        return wrapped is null ? null : TryRead(wrapped.GetValue(value), depth + 1);
    }

    private static ForeignKeys? FromImmutable(object? value)
    {
        if (value is null) return null;
        var type = value.GetType();
        var access = type.GetProperty("AccessKey")?.GetValue(value) as string;
        var secret = type.GetProperty("SecretKey")?.GetValue(value) as string;
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(secret)) return null;
        var token = type.GetProperty("Token")?.GetValue(value) as string;
        return new ForeignKeys(access, secret, string.IsNullOrEmpty(token) ? null : token);
    }
}
