using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ImageBuilderScan.Emulator;

/// <summary>
/// Opaque, tamper-proof page tokens: base64url of (version, operation, position, scope hash) followed by an
/// HMAC-SHA256 over those bytes with a key made fresh for each emulator process. The scope hash binds a token
/// to its operation's filter and values, so a token from another query is refused like a forged one.
/// </summary>
internal sealed class PageTokens
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 1 + 8 + 16;
    private const int MacLength = 32;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The scope a token is valid for: the operation, the filter and its values, and the serving mode.</summary>
    public static byte[] Scope(EmulatorOperation operation, string? filterName, IEnumerable<string> values, string mode)
    {
        var text = new StringBuilder().Append(operation).Append('\n').Append(mode).Append('\n').Append(filterName).Append('\n');
        foreach (var value in values)
        {
            text.Append(value).Append('\0');
        }
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16];
    }

    public string Issue(EmulatorOperation operation, byte[] scope, long position)
    {
        Span<byte> token = stackalloc byte[PayloadLength + MacLength];
        token[0] = Version;
        token[1] = (byte)operation;
        BinaryPrimitives.WriteInt64BigEndian(token[2..10], position);
        scope.CopyTo(token[10..26]);
        HMACSHA256.HashData(_key, token[..PayloadLength], token[PayloadLength..]);
        return Encode(token);
    }

    private static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a token points at, or an InvalidPaginationTokenException for anything not issued for this scope.</summary>
    public long Read(string token, EmulatorOperation operation, byte[] scope)
    {
        var bytes = Decode(token);
        // Re-encoding must give the token back: base64 ignores the spare bits of its last character,
        // and a token altered there must be refused like any other alteration.
        if (bytes is not { Length: PayloadLength + MacLength } || bytes[0] != Version || Encode(bytes) != token)
        {
            throw ApiError.InvalidToken();
        }
        Span<byte> mac = stackalloc byte[MacLength];
        HMACSHA256.HashData(_key, bytes.AsSpan(0, PayloadLength), mac);
        if (!CryptographicOperations.FixedTimeEquals(mac, bytes.AsSpan(PayloadLength))
            || bytes[1] != (byte)operation
            || !bytes.AsSpan(10, 16).SequenceEqual(scope))
        {
            throw ApiError.InvalidToken();
        }
        var position = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2, 8));
        return position >= 0 ? position : throw ApiError.InvalidToken();
    }

    private static byte[]? Decode(string token)
    {
        if (token.Length > 200)
        {
            return null;
        }
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
