using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// HMAC-SHA1 (RFC 5849 section 3.4.2) and its SHA-256 and SHA-512 variants: the key is the encoded consumer secret
/// and token secret joined by <c>&amp;</c>, the result Base64.
/// </summary>
internal sealed class HmacSignatureMethod : OAuth1SignatureMethod
{
    private readonly HashAlgorithmName _hash;

    // The last key built, keyed by the secret strings: building it costs two encodings per request otherwise.
    private SigningKey? _lastKey;

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

    private int ComputeHash(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret, Span<byte> destination)
    {
        SigningKey? key = _lastKey;
        if (key is null || !key.Matches(consumerSecret, tokenSecret))
        {
            key = new SigningKey(consumerSecret, tokenSecret);
            _lastKey = key;
        }

        return KeyedHmac.Compute(_hash, key.Bytes, baseString, destination);
    }
}
