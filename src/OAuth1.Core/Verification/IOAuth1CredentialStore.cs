using System.Security.Cryptography;

namespace OAuth1;

/// <summary>Where a provider keeps its clients and tokens, as <see cref="OAuth1RequestVerifier"/> looks them up.</summary>
public interface IOAuth1CredentialStore
{
    /// <summary>Finds a client by its key.</summary>
    /// <param name="consumerKey">The received <c>oauth_consumer_key</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The client's credentials, or <see langword="null"/> when the key is unknown.</returns>
    ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken);

    /// <summary>Finds the shared-secret of a token (temporary or access) issued to a client.</summary>
    /// <param name="consumerKey">The client's key.</param>
    /// <param name="token">The received <c>oauth_token</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The token secret, or <see langword="null"/> when the token is unknown or not the client's.</returns>
    ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken);
}

/// <summary>A client's verification material: its shared-secret, and its RSA public key when it signs with RSA.</summary>
public sealed class OAuth1ConsumerCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="consumerSecret">The client shared-secret (HMAC and PLAINTEXT).</param>
    /// <param name="rsaPublicKey">The client's RSA public key (RSA-SHA*), if any.</param>
    public OAuth1ConsumerCredentials(string consumerSecret, RSA? rsaPublicKey = null)
    {
        ConsumerSecret = consumerSecret ?? string.Empty;
        RsaPublicKey = rsaPublicKey;
    }

    /// <summary>The client shared-secret.</summary>
    public string ConsumerSecret { get; }

    /// <summary>The client's RSA public key, for the RSA signature methods.</summary>
    public RSA? RsaPublicKey { get; }

    /// <summary>
    /// The signature methods this client may use (names as sent in <c>oauth_signature_method</c>), or
    /// <see langword="null"/> for all that its key material supports: HMAC and PLAINTEXT need a consumer secret, RSA
    /// needs <see cref="RsaPublicKey"/>. The verifier's own <see cref="OAuth1VerifierOptions.AllowedSignatureMethods"/>
    /// narrows further. A client registered with an RSA key only can then never be impersonated with HMAC and an empty
    /// secret.
    /// </summary>
    public IReadOnlySet<string>? AllowedSignatureMethods { get; init; }

    /// <summary>A description without secrets.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"OAuth1ConsumerCredentials {{ ConsumerSecret = (hidden), RsaPublicKey = {(RsaPublicKey is null ? "(none)" : "(set)")} }}";
}
