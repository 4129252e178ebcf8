using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ImageBuilderScan.Emulator;

/// <summary>A set of temporary credentials issued by the emulator's STS AssumeRole.</summary>
public sealed record IssuedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken,
    DateTimeOffset Expiration, string RoleArn, string RoleSessionName)
{
    /// <summary>The role's account: requests signed with these credentials see only its findings and images.</summary>
    public string AccountId => RoleArn.Split(':')[4];
}

/// <summary>
/// Temporary credentials issued by AssumeRole, by access key id. The Image Builder operations (and STS itself, for
/// role chaining) accept a request signed with one of these only together with its own session token and only
/// until it expires, as AWS does.
/// </summary>
public sealed class TemporaryCredentials
{
    private readonly ConcurrentDictionary<string, IssuedCredentials> _issued = new(StringComparer.Ordinal);

    /// <summary>Every set issued so far (oldest order not kept).</summary>
    public IReadOnlyCollection<IssuedCredentials> Issued => _issued.Values.ToArray();

    internal IssuedCredentials Issue(string roleArn, string sessionName, TimeSpan duration, DateTimeOffset now)
    {
        // ASIA marks temporary keys at AWS; the rest is random so that nobody can guess a valid one.
        var issued = new IssuedCredentials("ASIA" + Random(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            Random(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            "IQoJb3JpZ2luX2VjE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)),
            now.Add(duration), roleArn, sessionName);
        _issued[issued.AccessKeyId] = issued;
        return issued;
    }

    internal IssuedCredentials? Find(string accessKeyId) => _issued.TryGetValue(accessKeyId, out var issued) ? issued : null;

    /// <summary>Makes every issued set expired now (tests of the "expired token" refusal).</summary>
    public void ExpireAll(DateTimeOffset now)
    {
        foreach (var (key, issued) in _issued)
        {
            _issued[key] = issued with { Expiration = now.AddSeconds(-1) };
        }
    }

    private static string Random(int length, string alphabet) =>
        string.Create(length, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
}
