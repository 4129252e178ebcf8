using System.Collections.Concurrent;

namespace ImageBuilderScan.Client.Connection;

/// <summary>What a person is asked when a profile assumes its role with MFA (<c>mfa_serial</c>).</summary>
/// <param name="Who">Whose role it is, e.g. "the profile 'dev'".</param>
/// <param name="SerialNumber">The MFA device, as the profile's <c>mfa_serial</c> names it.</param>
/// <param name="RoleArn">The role to be assumed with the code.</param>
public sealed record MfaChallenge(string Who, string SerialNumber, string RoleArn);

/// <summary>
/// One command's MFA: how its person is asked for a code, and the roles assumed with one so far, which the
/// command's clients share (a fan-out over regions asks once, not once per target, and never sends a code twice).
/// </summary>
/// <param name="ask">
/// Asks for the current code; answers null when nobody can be asked (a non-interactive session), and then the
/// profile fails before any request. Called on any thread: the asker hands the question to wherever it can be asked.
/// </param>
public sealed class MfaSession(Func<MfaChallenge, string?> ask)
{
    private readonly ConcurrentDictionary<string, Lazy<object>> _roles = new(StringComparer.Ordinal);

    internal string? Ask(MfaChallenge challenge) => ask(challenge);

    /// <summary>The credentials this command made for <paramref name="key"/> (a profile in a file), made once.</summary>
    internal T Shared<T>(string key, Func<T> create) where T : class =>
        (T)_roles.GetOrAdd(key, _ => new Lazy<object>(create)).Value;
}
