namespace OAuth1;

/// <summary>Settings of <see cref="OAuth1RequestVerifier"/>.</summary>
public sealed class OAuth1VerifierOptions
{
    /// <summary>How far a timestamp may be from the provider's clock, either way; 5 minutes by default.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The provider's clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where used nonces are remembered; an <see cref="InMemoryNonceStore"/> by default.</summary>
    public IOAuth1NonceStore NonceStore { get; set; } = new InMemoryNonceStore();

    /// <summary>Accepts PLAINTEXT over plain HTTP (the secrets were sent in clear). Off by default.</summary>
    public bool AllowPlaintextOverHttp { get; set; }

    /// <summary>
    /// The signature method names accepted; empty (the default) accepts HMAC-SHA1, HMAC-SHA256, HMAC-SHA512,
    /// PLAINTEXT, the RSA methods for clients with a public key, and <see cref="CustomSignatureMethods"/>.
    /// </summary>
    public ISet<string> AllowedSignatureMethods { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Custom signature methods to accept, by name.</summary>
    public IList<OAuth1SignatureMethod> CustomSignatureMethods { get; } = new List<OAuth1SignatureMethod>();
}
