using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// <c>oauth_nonce</c> values (RFC 5849 section 3.3): 128 bits from <see cref="RandomNumberGenerator"/>, written as 32
/// lower-case hex digits, which need no percent-encoding in any placement.
/// </summary>
/// <remarks>
/// Each call to the system generator costs far more than 16 bytes are worth, so each thread draws 1 KiB at a time and
/// hands out 16 fresh bytes per nonce, wiping them as they are used: every byte still comes from
/// <see cref="RandomNumberGenerator"/> and none is used twice.
/// </remarks>
internal static class Nonce
{
    public const int Length = 32;
    private const int BytesPerNonce = Length / 2;
    private const int PoolSize = 1024;

    [ThreadStatic]
    private static byte[]? t_pool;

    [ThreadStatic]
    private static int t_used;

    /// <summary>The default <see cref="OAuth1Options.NonceGenerator"/>; the signer recognises it and writes the nonce without a string.</summary>
    public static readonly Func<string> Generator = Create;

    public static string Create() => string.Create(Length, 0, static (chars, _) =>
    {
        Span<byte> hex = stackalloc byte[Length];
        Write(hex);
        for (int i = 0; i < Length; i++)
        {
            chars[i] = (char)hex[i];
        }
    });

    /// <summary>Writes 32 lower-case hex digits (128 random bits) as ASCII bytes.</summary>
    public static void Write(Span<byte> destination)
    {
        byte[]? pool = t_pool;
        if (pool is null || t_used == PoolSize)
        {
            pool ??= t_pool = new byte[PoolSize];
            RandomNumberGenerator.Fill(pool);
            t_used = 0;
        }

        Span<byte> random = pool.AsSpan(t_used, BytesPerNonce);
        t_used += BytesPerNonce;
        for (int i = 0; i < random.Length; i++)
        {
            destination[2 * i] = (byte)"0123456789abcdef"[random[i] >> 4];
            destination[(2 * i) + 1] = (byte)"0123456789abcdef"[random[i] & 0xF];
        }

        random.Clear();
    }
}
