namespace OAuth1;

/// <summary>Settings of <see cref="OAuth1RequestVerifier"/>.</summary>
public sealed class OAuth1VerifierOptions
{
    private IOAuth1NonceStore? _nonceStore;

    /// <summary>How far a timestamp may be from the provider's clock, either way; 5 minutes by default.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The provider's clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Where used nonces are remembered; by default an <see cref="InMemoryNonceStore"/> on this
    /// <see cref="TimeProvider"/> (made when first read, so set the clock first). Behind a load balancer, a shared store.
    /// </summary>
    public IOAuth1NonceStore NonceStore
    {
        get => _nonceStore ??= new InMemoryNonceStore(timeProvider: TimeProvider);
        set => _nonceStore = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Requires <c>oauth_body_hash</c> on requests whose body is not a form (LTI 1.1 outcomes, webhooks with JSON
    /// bodies): without it such a request is refused. When the parameter is sent, it is always checked.
    /// </summary>
    public bool RequireBodyHash { get; set; }

    /// <summary>Where refusals that an operator must see are logged (a nonce store that cannot answer); none by default.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

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
