using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace OAuth1.TestSupport;

/// <summary>
/// The one in-memory <see cref="IOAuth1CredentialStore"/> of the tests: clients and tokens registered in code, and
/// thread-safe, so a test may add a token while a server verifies requests.
/// </summary>
public sealed class FakeCredentialStore : IOAuth1CredentialStore
{
    private readonly ConcurrentDictionary<string, OAuth1ConsumerCredentials> _consumers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string ConsumerKey, string Token), string> _tokens = new();

    /// <summary>Registers a client (or replaces its credentials).</summary>
    /// <param name="key">The consumer key.</param>
    /// <param name="secret">The consumer secret.</param>
    /// <param name="rsaPublicKey">The client's RSA public key, for the RSA-SHA* methods.</param>
    /// <returns>This store, for chaining.</returns>
    public FakeCredentialStore AddConsumer(string key, string secret, RSA? rsaPublicKey = null) =>
        AddConsumer(key, new OAuth1ConsumerCredentials(secret, rsaPublicKey));

    /// <summary>Registers a client (or replaces its credentials).</summary>
    /// <param name="key">The consumer key.</param>
    /// <param name="credentials">Its secret and RSA public key.</param>
    /// <returns>This store, for chaining.</returns>
    public FakeCredentialStore AddConsumer(string key, OAuth1ConsumerCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(credentials);
        _consumers[key] = credentials;
        return this;
    }

    /// <summary>Registers a token of a client (or replaces its secret).</summary>
    /// <param name="consumerKey">The client the token was issued to.</param>
    /// <param name="token">The token.</param>
    /// <param name="secret">The token secret.</param>
    /// <returns>This store, for chaining.</returns>
    public FakeCredentialStore AddToken(string consumerKey, string token, string secret)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(secret);
        _tokens[(consumerKey, token)] = secret;
        return this;
    }

    /// <summary>A client's credentials.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The credentials, or <see langword="null"/> for an unknown client.</returns>
    public OAuth1ConsumerCredentials? FindConsumer(string consumerKey) =>
        _consumers.TryGetValue(consumerKey, out OAuth1ConsumerCredentials? credentials) ? credentials : null;

    /// <summary>A token's secret.</summary>
    /// <param name="consumerKey">The client the token was issued to.</param>
    /// <param name="token">The token.</param>
    /// <returns>The secret, or <see langword="null"/> for a token the client does not have.</returns>
    public string? FindTokenSecret(string consumerKey, string token) =>
        _tokens.TryGetValue((consumerKey, token), out string? secret) ? secret : null;

    /// <inheritdoc />
    public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FindConsumer(consumerKey));

    /// <inheritdoc />
    public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FindTokenSecret(consumerKey, token));
}
