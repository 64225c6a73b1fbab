namespace OAuth1;

/// <summary>
/// An <see cref="IOAuth1NonceStore"/> in memory, bounded: a nonce is kept only as long as its timestamp can still be
/// accepted (the verifier refuses older ones anyway), and at most <see cref="Capacity"/> entries are kept, the
/// oldest dropped first. For a single process; use a shared store (a cache or database) behind a load balancer.
/// </summary>
public sealed class InMemoryNonceStore : IOAuth1NonceStore
{
    private readonly object _gate = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, long Timestamp)> _order = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _retention;

    /// <summary>Creates a store.</summary>
    /// <param name="retention">How long a nonce is kept: at least the verifier's timestamp tolerance on each side (default 10 minutes).</param>
    /// <param name="capacity">The most nonces kept (default 100,000).</param>
    /// <param name="timeProvider">The clock (default <see cref="TimeProvider.System"/>).</param>
    public InMemoryNonceStore(TimeSpan? retention = null, int capacity = 100_000, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _retention = retention ?? TimeSpan.FromMinutes(10);
        Capacity = capacity;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The most nonces kept.</summary>
    public int Capacity { get; }

    /// <summary>How many nonces are kept now.</summary>
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
    public ValueTask<bool> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, CancellationToken cancellationToken)
    {
        // The key joins the parts with a character that percent-decoded values cannot make ambiguous here: '\n'
        // would be possible, so lengths are included.
        string key = $"{consumerKey.Length}:{consumerKey}|{token?.Length ?? -1}:{token}|{timestamp}|{nonce}";
        long cutoff = _timeProvider.GetUtcNow().Add(-_retention).ToUnixTimeSeconds();
        lock (_gate)
        {
            while (_order.Count > 0 && (_order.Peek().Timestamp < cutoff || _order.Count >= Capacity))
            {
                _seen.Remove(_order.Dequeue().Key);
            }

            if (!_seen.Add(key))
            {
                return ValueTask.FromResult(false);
            }

            _order.Enqueue((key, timestamp));
            return ValueTask.FromResult(true);
        }
    }
}
