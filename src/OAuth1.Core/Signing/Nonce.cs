using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// <c>oauth_nonce</c> values (RFC 5849 section 3.3): 128 bits from <see cref="RandomNumberGenerator"/>, written as 32
/// lower-case hex digits, which need no percent-encoding in any placement.
/// </summary>
internal static class Nonce
{
    public const int Length = 32;

    public static string Create() => string.Create(Length, 0, static (chars, _) => Write(chars));

    public static void Write(Span<char> destination)
    {
        Span<byte> random = stackalloc byte[Length / 2];
        RandomNumberGenerator.Fill(random);
        for (int i = 0; i < random.Length; i++)
        {
            destination[2 * i] = "0123456789abcdef"[random[i] >> 4];
            destination[(2 * i) + 1] = "0123456789abcdef"[random[i] & 0xF];
        }
    }
}
