using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OAuth1.Redis;

/// <summary>
/// A nonce store shared by every instance of an app behind a load balancer: a nonce used on one instance is refused on
/// all the others. Each nonce is one atomic <c>SET key 1 NX PX &lt;milliseconds until its expiry&gt;</c>: no read then
/// write, and Redis forgets the nonce when the verifier no longer needs it.
/// </summary>
/// <remarks>
/// <para>
/// The key is the prefix followed by the lowercase hex SHA-256 of the length-prefixed consumer key, token, timestamp
/// and nonce: no client's nonce meets another's, and nothing a client sends reaches Redis as key syntax. No secret
/// reaches the store.
/// </para>
/// <para>
/// Fail closed: while Redis cannot answer (unreachable, a command that fails or times out) the store answers
/// <see cref="OAuth1NonceResult.Unavailable"/>, never throws, and the verifier refuses the request with
/// <see cref="OAuth1VerificationFailure.NonceStoreUnavailable"/>. It answers again by itself once the multiplexer has
/// reconnected. Give it a multiplexer configured not to wait for Redis: <c>AbortOnConnectFail = false</c> and
/// <c>BacklogPolicy.FailFast</c>, as <c>AddOAuth1RedisNonceStore</c> does.
/// </para>
/// <para>
/// A Redis that loses its data (a restart without persistence, a failover to a replica that had not received the
/// writes) forgets the nonces it held, so requests captured before the loss can be replayed until their timestamps
/// leave the verifier's tolerance. Run it with <c>appendonly yes</c>.
/// </para>
/// </remarks>
public sealed class RedisNonceStore : IOAuth1NonceStore
{
    /// <summary>The key prefix used when none is given: <c>oauth1:nonce:</c>.</summary>
    public const string DefaultKeyPrefix = "oauth1:nonce:";

    private static readonly RedisValue s_used = 1;

    private readonly IConnectionMultiplexer _connection;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger? _logger;

    /// <summary>Creates a store on a Redis connection.</summary>
    /// <param name="connection">The connection, shared with the rest of the app if it has one; the store does not dispose it.</param>
    /// <param name="keyPrefix">What every key starts with; <see cref="DefaultKeyPrefix"/> when <see langword="null"/>. Give each app (or each verifier with its own clients) its own prefix when they share a Redis database.</param>
    /// <param name="timeProvider">The clock that turns the verifier's expiry into a lifetime: the verifier's; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="logger">Where a Redis failure is logged (its exception type and message, which carry no secret); none by default.</param>
    public RedisNonceStore(IConnectionMultiplexer connection, string? keyPrefix = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        KeyPrefix = keyPrefix ?? DefaultKeyPrefix;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger;
    }

    /// <summary>What every key of this store starts with.</summary>
    public string KeyPrefix { get; }

    /// <inheritdoc />
    /// <remarks>
    /// An <paramref name="expiresAt"/> that is not in the future is never stored: the answer is
    /// <see cref="OAuth1NonceResult.Replayed"/>. A cancelled <paramref name="cancellationToken"/> throws
    /// <see cref="OperationCanceledException"/> (the <c>SET</c> may still reach Redis); every Redis failure is
    /// <see cref="OAuth1NonceResult.Unavailable"/>.
    /// </remarks>
    public async ValueTask<OAuth1NonceResult> TryUseAsync(string consumerKey, string? token, string nonce, long timestamp, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        ArgumentNullException.ThrowIfNull(nonce);
        cancellationToken.ThrowIfCancellationRequested();

        // Never a zero or negative lifetime, and never shorter than asked: round the milliseconds up.
        TimeSpan lifetime = expiresAt - _timeProvider.GetUtcNow();
        long milliseconds = (long)Math.Ceiling(lifetime.TotalMilliseconds);
        if (milliseconds <= 0)
        {
            return OAuth1NonceResult.Replayed;
        }

        RedisKey key = Key(consumerKey, token, timestamp, nonce);
        try
        {
            Task<bool> set = _connection.GetDatabase().StringSetAsync(key, s_used, TimeSpan.FromMilliseconds(milliseconds), When.NotExists, CommandFlags.DemandMaster);
            bool stored = cancellationToken.CanBeCanceled
                ? await set.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await set.ConfigureAwait(false);
            return stored ? OAuth1NonceResult.Accepted : OAuth1NonceResult.Replayed;
        }
        catch (RedisException ex)
        {
            RedisNonceStoreLog.Failed(_logger, ex.GetType().Name, ex);
            return OAuth1NonceResult.Unavailable;
        }
        catch (TimeoutException ex)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException.
            RedisNonceStoreLog.Failed(_logger, ex.GetType().Name, ex);
            return OAuth1NonceResult.Unavailable;
        }
    }

    /// <summary>The prefix and the hex SHA-256 of the length-prefixed parts (a null token differs from an empty one).</summary>
    internal RedisKey Key(string consumerKey, string? token, long timestamp, string nonce)
    {
        int length = Part(consumerKey) + Part(token) + sizeof(long) + Part(nonce);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            int written = Write(buffer, consumerKey);
            written += Write(buffer.AsSpan(written), token);
            BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(written), timestamp);
            written += sizeof(long);
            written += Write(buffer.AsSpan(written), nonce);

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return KeyPrefix + ToLowerHex(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        static int Part(string? value) => sizeof(int) + (value is null ? 0 : Encoding.UTF8.GetByteCount(value));

        static int Write(Span<byte> destination, string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(destination, -1);
                return sizeof(int);
            }

            int count = Encoding.UTF8.GetBytes(value, destination[sizeof(int)..]);
            BinaryPrimitives.WriteInt32BigEndian(destination, count);
            return sizeof(int) + count;
        }
    }

    private static string ToLowerHex(ReadOnlySpan<byte> bytes) =>
#if NET9_0_OR_GREATER
        Convert.ToHexStringLower(bytes);
#else
        Convert.ToHexString(bytes).ToLowerInvariant();
#endif
}
