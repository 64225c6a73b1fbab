using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OAuth1;

/// <summary>
/// A signature method (RFC 5849 section 3.4): the name sent as <c>oauth_signature_method</c> and the function that
/// turns a signature base string into <c>oauth_signature</c>.
/// </summary>
/// <remarks>
/// The built-in methods are HMAC-SHA1 (section 3.4.2), RSA-SHA1 (section 3.4.3) and PLAINTEXT (section 3.4.4), plus
/// the SHA-256 and SHA-512 variants that NetSuite, Xero and others use. Define your own by deriving from this class
/// or with <see cref="Create"/>. Instances are immutable and safe to share between threads.
/// </remarks>
public abstract class OAuth1SignatureMethod
{
    /// <summary>Initialises a method with the name sent as <c>oauth_signature_method</c>.</summary>
    /// <param name="name">The method name, e.g. <c>HMAC-SHA1</c>.</param>
    /// <exception cref="ArgumentException">The name is empty or white space.</exception>
    protected OAuth1SignatureMethod(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name sent as <c>oauth_signature_method</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the method sends the secrets themselves (PLAINTEXT), so that it must not be used over plain HTTP
    /// unless <see cref="OAuth1Options.AllowPlaintextOverHttp"/> is set.
    /// </summary>
    public virtual bool RevealsSecrets => false;

    /// <summary>HMAC-SHA1 (RFC 5849 section 3.4.2).</summary>
    public static OAuth1SignatureMethod HmacSha1 { get; } = new HmacSignatureMethod("HMAC-SHA1", HashAlgorithmName.SHA1);

    /// <summary>HMAC-SHA256, as NetSuite token-based authentication and others use it.</summary>
    public static OAuth1SignatureMethod HmacSha256 { get; } = new HmacSignatureMethod("HMAC-SHA256", HashAlgorithmName.SHA256);

    /// <summary>HMAC-SHA512.</summary>
    public static OAuth1SignatureMethod HmacSha512 { get; } = new HmacSignatureMethod("HMAC-SHA512", HashAlgorithmName.SHA512);

    /// <summary>PLAINTEXT (RFC 5849 section 3.4.4): the encoded secrets themselves. Use only over HTTPS.</summary>
    public static OAuth1SignatureMethod Plaintext { get; } = new PlaintextSignatureMethod();

    /// <summary>RSA-SHA1 (RFC 5849 section 3.4.3), RSASSA-PKCS1-v1_5 with SHA-1.</summary>
    /// <param name="key">The consumer's private key to sign, or the public key to verify.</param>
    /// <returns>The method.</returns>
    public static OAuth1SignatureMethod RsaSha1(RSA key) => new RsaSignatureMethod("RSA-SHA1", HashAlgorithmName.SHA1, key);

    /// <summary>RSA-SHA256, RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    /// <param name="key">The consumer's private key to sign, or the public key to verify.</param>
    /// <returns>The method.</returns>
    public static OAuth1SignatureMethod RsaSha256(RSA key) => new RsaSignatureMethod("RSA-SHA256", HashAlgorithmName.SHA256, key);

    /// <summary>RSA-SHA512, RSASSA-PKCS1-v1_5 with SHA-512.</summary>
    /// <param name="key">The consumer's private key to sign, or the public key to verify.</param>
    /// <returns>The method.</returns>
    public static OAuth1SignatureMethod RsaSha512(RSA key) => new RsaSignatureMethod("RSA-SHA512", HashAlgorithmName.SHA512, key);

    /// <summary>RSA-SHA1 with a key in PEM text (PKCS#1 <c>RSA PRIVATE KEY</c>, PKCS#8 <c>PRIVATE KEY</c>, or a public key to verify).</summary>
    /// <param name="pem">The PEM text. It is parsed once, here.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The text holds no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha1(string pem) => RsaSha1(RsaKeys.FromPem(pem, nameof(pem)));

    /// <summary>RSA-SHA256 with a key in PEM text (PKCS#1 or PKCS#8).</summary>
    /// <param name="pem">The PEM text. It is parsed once, here.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The text holds no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha256(string pem) => RsaSha256(RsaKeys.FromPem(pem, nameof(pem)));

    /// <summary>RSA-SHA512 with a key in PEM text (PKCS#1 or PKCS#8).</summary>
    /// <param name="pem">The PEM text. It is parsed once, here.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The text holds no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha512(string pem) => RsaSha512(RsaKeys.FromPem(pem, nameof(pem)));

    /// <summary>RSA-SHA1 with the key of a certificate: its private key when it has one, else its public key (verify only).</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The certificate has no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha1(X509Certificate2 certificate) => RsaSha1(RsaKeys.FromCertificate(certificate, nameof(certificate)));

    /// <summary>RSA-SHA256 with the key of a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The certificate has no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha256(X509Certificate2 certificate) => RsaSha256(RsaKeys.FromCertificate(certificate, nameof(certificate)));

    /// <summary>RSA-SHA512 with the key of a certificate.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The certificate has no RSA key.</exception>
    public static OAuth1SignatureMethod RsaSha512(X509Certificate2 certificate) => RsaSha512(RsaKeys.FromCertificate(certificate, nameof(certificate)));

    /// <summary>
    /// A custom method, as Authlib's and oauthlib's <c>register_signature_method</c> allow: <paramref name="sign"/>
    /// receives the base string and the two secrets and returns <c>oauth_signature</c>.
    /// </summary>
    /// <param name="name">The name sent as <c>oauth_signature_method</c>.</param>
    /// <param name="sign">Computes the signature from (base string, consumer secret, token secret or empty).</param>
    /// <returns>The method. Its verification compares the expected and received signatures in constant time.</returns>
    public static OAuth1SignatureMethod Create(string name, Func<string, string, string, string> sign) =>
        new CustomSignatureMethod(name, sign);

    /// <summary>
    /// The built-in method with this name (<c>HMAC-SHA1</c>, <c>HMAC-SHA256</c>, <c>HMAC-SHA512</c>, <c>PLAINTEXT</c>),
    /// case-insensitive, as read from configuration. RSA methods need a key: use <see cref="RsaSha1(RSA)"/> and the like.
    /// </summary>
    /// <param name="name">The method name.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The name is unknown, or names an RSA method.</exception>
    public static OAuth1SignatureMethod FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (OAuth1SignatureMethod method in new[] { HmacSha1, HmacSha256, HmacSha512, Plaintext })
        {
            if (string.Equals(method.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return method;
            }
        }

        string hint = IsRsaName(name)
            ? " RSA methods need a key: use OAuth1SignatureMethod.RsaSha1(key) and the like."
            : " Known names: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, PLAINTEXT; register others with OAuth1SignatureMethod.Create.";
        throw new ArgumentException($"Unknown OAuth 1.0a signature method '{name}'.{hint}", nameof(name));
    }

    /// <summary>Computes <c>oauth_signature</c> for a signature base string.</summary>
    /// <param name="baseString">The signature base string as ASCII bytes (RFC 5849 section 3.4.1.1).</param>
    /// <param name="consumerSecret">The client shared-secret (may be empty).</param>
    /// <param name="tokenSecret">The token shared-secret (empty for two-legged signing).</param>
    /// <returns>The signature, not yet percent-encoded.</returns>
    public abstract string Sign(ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret);

    /// <summary>Checks a received <c>oauth_signature</c> in constant time.</summary>
    /// <param name="baseString">The signature base string the verifier computed.</param>
    /// <param name="signature">The received signature, decoded.</param>
    /// <param name="consumerSecret">The client shared-secret.</param>
    /// <param name="tokenSecret">The token shared-secret (empty when there is no token).</param>
    /// <returns>Whether the signature is valid.</returns>
    public virtual bool Verify(ReadOnlySpan<byte> baseString, string signature, string consumerSecret, string tokenSecret)
    {
        ArgumentNullException.ThrowIfNull(signature);
        string expected = Sign(baseString, consumerSecret, tokenSecret);
        return FixedTimeEquals(expected, signature);
    }

    /// <summary>The method name (never any key material).</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>
    /// The method with this name, case-insensitive: a built-in one (see <see cref="FromName(string)"/>), or
    /// <c>RSA-SHA1</c>, <c>RSA-SHA256</c> or <c>RSA-SHA512</c> with <paramref name="rsaKey"/>. The one place that
    /// turns a method name into a method (configuration, the verifier, the samples). RSA methods are made once per key.
    /// </summary>
    /// <param name="name">The method name.</param>
    /// <param name="rsaKey">The key of an RSA method: private to sign, public to verify; ignored for other methods.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The name is unknown, or names an RSA method and <paramref name="rsaKey"/> is <see langword="null"/>.</exception>
    public static OAuth1SignatureMethod FromName(string name, RSA? rsaKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsRsaName(name))
        {
            return FromName(name);
        }

        if (rsaKey is null)
        {
            throw new ArgumentException($"The signature method '{name}' needs an RSA key.", nameof(rsaKey));
        }

        return name.ToUpperInvariant() switch
        {
            "RSA-SHA1" => RsaSignatureMethod.For("RSA-SHA1", HashAlgorithmName.SHA1, rsaKey),
            "RSA-SHA256" => RsaSignatureMethod.For("RSA-SHA256", HashAlgorithmName.SHA256, rsaKey),
            "RSA-SHA512" => RsaSignatureMethod.For("RSA-SHA512", HashAlgorithmName.SHA512, rsaKey),
            _ => throw new ArgumentException($"Unknown OAuth 1.0a signature method '{name}'. Known RSA names: RSA-SHA1, RSA-SHA256, RSA-SHA512.", nameof(name)),
        };
    }

    /// <summary>
    /// The method with this name, as <see cref="FromName(string, RSA?)"/>, with the RSA key given as PEM text
    /// (PKCS#1, PKCS#8 or a public key), as configuration holds it.
    /// </summary>
    /// <param name="name">The method name.</param>
    /// <param name="rsaKeyPem">The PEM text of the key of an RSA method; ignored for other methods.</param>
    /// <returns>The method.</returns>
    /// <exception cref="ArgumentException">The name is unknown, or an RSA method has no readable key. The message never quotes the key.</exception>
    public static OAuth1SignatureMethod FromName(string name, string? rsaKeyPem)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FromName(name, IsRsaName(name) ? RsaKeys.FromPem(rsaKeyPem ?? string.Empty, nameof(rsaKeyPem)) : null);
    }

    /// <summary>Signs <paramref name="baseString"/> and adds the result to <paramref name="list"/> as <c>oauth_signature</c>.</summary>
    internal virtual void AddSignature(ref ParameterCollection list, ReadOnlySpan<byte> baseString, string consumerSecret, string tokenSecret) =>
        list.Add(OAuth1Parameters.Signature, Sign(baseString, consumerSecret, tokenSecret));

    /// <summary>Compares two strings in time that depends only on their lengths.</summary>
    private static bool IsRsaName(string name) => name.StartsWith("RSA-", StringComparison.OrdinalIgnoreCase);

    private protected static bool FixedTimeEquals(string expected, string actual)
    {
        byte[] left = System.Text.Encoding.UTF8.GetBytes(expected);
        byte[] right = System.Text.Encoding.UTF8.GetBytes(actual);
        return left.Length == right.Length && CryptographicOperations.FixedTimeEquals(left, right);
    }
}
