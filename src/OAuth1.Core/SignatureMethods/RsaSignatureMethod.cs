using System.Security.Cryptography;

namespace OAuth1;

/// <summary>
/// RSA-SHA1 (RFC 5849 section 3.4.3) and its SHA-256 and SHA-512 variants: RSASSA-PKCS1-v1_5 over the base string,
/// with the consumer's private key; verification with the public key.
/// </summary>
internal sealed class RsaSignatureMethod : OAuth1SignatureMethod
{
    // One method per key and name, made once: a verifier looks methods up by name on every request.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RSA, System.Collections.Concurrent.ConcurrentDictionary<string, RsaSignatureMethod>> s_byKey = new();

    private readonly HashAlgorithmName _hash;
    private readonly RSA _key;

    public RsaSignatureMethod(string name, HashAlgorithmName hash, RSA key)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(key);
        _hash = hash;
        _key = key;
    }

    /// <summary>The method of this name over <paramref name="key"/>, made once per key.</summary>
    public static RsaSignatureMethod For(string name, HashAlgorithmName hash, RSA key) =>
        s_byKey.GetValue(key, static _ => new(StringComparer.Ordinal)).GetOrAdd(name, static (name, state) => new RsaSignatureMethod(name, state.Hash, state.Key), (Hash: hash, Key: key));

    public override string Sign(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret)
    {
        Span<byte> signature = stackalloc byte[1024];
        try
        {
            if (!_key.TrySignData(baseString, signature, _hash, RSASignaturePadding.Pkcs1, out int written))
            {
                return Convert.ToBase64String(_key.SignData(baseString.ToArray(), _hash, RSASignaturePadding.Pkcs1));
            }

            return Convert.ToBase64String(signature[..written]);
        }
        catch (CryptographicException)
        {
            // Typically a public key: it verifies but cannot sign. The cause's text is left out: it may describe the key.
            throw new InvalidOperationException(
                $"The {Name} key cannot sign: it has no private part (a public key or a certificate without its private key verifies only).");
        }
    }

    public override bool Verify(ReadOnlySpan<byte> baseString, string signature, string consumerSecret, string tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(signature);
        byte[] received;
        try
        {
            received = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        // RSA verification compares the recovered digest itself; it leaks nothing about the key.
        return _key.VerifyData(baseString, received, _hash, RSASignaturePadding.Pkcs1);
    }
}
