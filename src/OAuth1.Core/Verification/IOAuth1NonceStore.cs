namespace OAuth1;

/// <summary>Remembers the nonces a provider has accepted, so a replayed request is refused (RFC 5849 section 3.3).</summary>
public interface IOAuth1NonceStore
{
    /// <summary>
    /// Records a nonce for a client, token and timestamp; answers <see langword="false"/> when the same combination
    /// was already used.
    /// </summary>
    /// <param name="consumerKey">The client's key.</param>
    /// <param name="token">The token, or <see langword="null"/>.</param>
    /// <param name="nonce">The received nonce.</param>
    /// <param name="timestamp">The received timestamp (seconds since the Unix epoch).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the nonce was new.</returns>
    ValueTask<bool> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, CancellationToken cancellationToken);
}
