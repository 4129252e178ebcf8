using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ImageBuilderScan.Client.Paging;

/// <summary>
/// The tokens of one chain of requests (one filter chunk, first page to last). A token the service
/// returns a second time would make the listing loop, repeating items, so it ends the listing.
/// </summary>
/// <remarks>
/// Only a 128-bit digest of each token is kept: tokens can be long, and memory must stay flat however
/// many pages a listing has. A collision between two different tokens is not a practical concern.
/// </remarks>
internal sealed class TokenChain
{
    private readonly HashSet<UInt128> _seen = [];

    public TokenChain(string? firstToken)
    {
        if (!string.IsNullOrEmpty(firstToken)) _seen.Add(Digest(firstToken));
    }

    /// <summary>Records the token a page returned; false when it is the token that page was requested
    /// with, or one this chain has already seen.</summary>
    public bool TryAdvance(string? requestToken, string nextToken) =>
        !string.Equals(requestToken, nextToken, StringComparison.Ordinal) && _seen.Add(Digest(nextToken));

    private static UInt128 Digest(string token)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), hash);
        return MemoryMarshal.Read<UInt128>(hash);
    }
}
