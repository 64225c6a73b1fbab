namespace OAuth1;

/// <summary>
/// Remembers the nonces of verified requests (RFC 5849 section 3.3), so that a captured request cannot be replayed.
/// Behind a load balancer all instances must share one store (for example Redis), or a replay sent to another
/// instance is accepted.
/// </summary>
public interface IOAuth1NonceStore
{
    /// <summary>
    /// Records the nonce if it is new for this client, token and timestamp, atomically. The verifier says how long to
    /// keep it: until <paramref name="expiresAt"/> (the timestamp plus the verifier's tolerance, by the verifier's
    /// clock), after which the timestamp check refuses the request anyway. A store never keeps a nonce for less.
    /// </summary>
    /// <param name="consumerKey">The client.</param>
    /// <param name="token">The token, or <see langword="null"/> for a two-legged request.</param>
    /// <param name="nonce">The <c>oauth_nonce</c>.</param>
    /// <param name="timestamp">The <c>oauth_timestamp</c>.</param>
    /// <param name="expiresAt">When the nonce may be forgotten.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="OAuth1NonceResult.Accepted"/>, <see cref="OAuth1NonceResult.Replayed"/>, or <see cref="OAuth1NonceResult.Unavailable"/> when the store cannot tell.</returns>
    ValueTask<OAuth1NonceResult> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
