using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// HMAC-SHA1 (RFC 5849 section 3.4.2) and its SHA-256 and SHA-512 variants: the key is the encoded consumer secret
/// and token secret joined by <c>&amp;</c>, the result Base64.
/// </summary>
internal sealed class HmacSignatureMethod : OAuth1SignatureMethod
{
    private readonly HashAlgorithmName _hash;

    public HmacSignatureMethod(string name, HashAlgorithmName hash)
        : base(name) => _hash = hash;

    public override string Sign(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret)
    {
        Span<byte> hash = stackalloc byte[64];
        int length = ComputeHash(baseString, consumerSecret, tokenSecret, hash);
        return Convert.ToBase64String(hash[..length]);
    }

    public override bool Verify(ReadOnlySpan<byte> baseString, string signature, string consumerSecret, string tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(signature);
        Span<byte> expected = stackalloc byte[64];
        int length = ComputeHash(baseString, consumerSecret, tokenSecret, expected);
        Span<byte> received = stackalloc byte[64];
        // A signature that is not Base64 of the right length still costs the same comparison.
        bool decoded = Convert.TryFromBase64String(signature, received, out int receivedLength) && receivedLength == length;
        bool equal = CryptographicOperations.FixedTimeEquals(expected[..length], received[..length]);
        return decoded & equal;
    }

    /// <inheritdoc />
    internal override void AddSignature(ref ParameterCollection list, ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret)
    {
        // Written as Base64 bytes straight into the list: the signature never needs a string of its own.
        Span<byte> hash = stackalloc byte[64];
        int length = ComputeHash(baseString, consumerSecret, tokenSecret, hash);
        Span<byte> base64 = stackalloc byte[88];
        System.Buffers.Text.Base64.EncodeToUtf8(hash[..length], base64, out _, out int written);
        list.Add(OAuth1Parameters.Signature, base64[..written]);
    }

    private int ComputeHash(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret, Span<byte> destination) =>
        KeyedHmac.Compute(_hash, SigningKey.For(consumerSecret, tokenSecret), baseString, destination);
}
