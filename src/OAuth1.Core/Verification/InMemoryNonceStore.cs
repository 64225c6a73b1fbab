namespace OAuth1;

/// <summary>
/// A nonce store for one process: each nonce is kept until the expiry the verifier gives. It never forgets a live
/// nonce: when it holds <see cref="Capacity"/> live nonces it refuses new ones (<see cref="OAuth1NonceResult.Unavailable"/>,
/// fail closed) until some expire. For several instances, use a shared store (OAuth1.Redis).
/// </summary>
/// <remarks>Safe to share between concurrent requests. Give it the verifier's <see cref="TimeProvider"/>.</remarks>
public sealed class InMemoryNonceStore : IOAuth1NonceStore
{
    private readonly object _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry = new();
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a store.</summary>
    /// <param name="capacity">The most live nonces kept; beyond it new nonces are refused until some expire.</param>
    /// <param name="timeProvider">The clock that decides what has expired: the verifier's; <see cref="TimeProvider.System"/> by default.</param>
    public InMemoryNonceStore(int capacity = 100_000, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The most live nonces kept.</summary>
    public int Capacity { get; }

    /// <summary>How many nonces are kept now (expired ones included until the next call removes them).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<OAuth1NonceResult> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        ArgumentNullException.ThrowIfNull(nonce);

        // Lengths make the joined key unambiguous whatever the parts contain.
        string key = $"{consumerKey.Length}:{consumerKey}|{token?.Length ?? -1}:{token}|{timestamp}|{nonce.Length}:{nonce}";
        DateTimeOffset now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            while (_byExpiry.TryPeek(out string? oldest, out DateTimeOffset expiry) && expiry <= now)
            {
                _byExpiry.Dequeue();
                _seen.Remove(oldest);
            }

            if (_seen.Contains(key) || expiresAt <= now)
            {
                // Seen, or already expired: never stored with no lifetime, always refused.
                return ValueTask.FromResult(OAuth1NonceResult.Replayed);
            }

            if (_seen.Count >= Capacity)
            {
                return ValueTask.FromResult(OAuth1NonceResult.Unavailable);
            }

            _seen.Add(key);
            _byExpiry.Enqueue(key, expiresAt);
            return ValueTask.FromResult(OAuth1NonceResult.Accepted);
        }
    }
}
