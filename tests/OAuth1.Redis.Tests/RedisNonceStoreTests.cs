using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace OAuth1.Redis.Tests;

/// <summary>The store against a real redis-server that stays up.</summary>
public sealed class RedisNonceStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const long Timestamp = 1_700_000_000;
    private static readonly Regex HashedKey = new("^[0-9a-f]{64}$", RegexOptions.CultureInvariant);
    private readonly string _prefix = RedisServerFixture.UniquePrefix();

    private static DateTimeOffset InFiveMinutes => DateTimeOffset.UtcNow.AddMinutes(5);

    private RedisNonceStore Store(TimeProvider? clock = null) => new(redis.Connection, _prefix, clock);

    [Fact]
    public async Task A_nonce_is_accepted_once_then_refused_as_a_replay()
    {
        RedisNonceStore store = Store();

        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", "tok", "n-1", Timestamp, InFiveMinutes, default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", "tok", "n-1", Timestamp, InFiveMinutes, default));
        Assert.Equal(OAuth1NonceResult.Replayed, await Store().TryUseAsync("ck", "tok", "n-1", Timestamp, InFiveMinutes, default));
        Assert.Single(await redis.EntriesAsync(_prefix));
    }

    [Fact]
    public async Task The_same_nonce_of_other_clients_tokens_or_timestamps_does_not_collide()
    {
        RedisNonceStore store = Store();
        (string ConsumerKey, string? Token, long Timestamp)[] owners =
        [
            ("ck", null, Timestamp),
            ("ck", string.Empty, Timestamp),          // an empty token is not "no token"
            ("ck", "tok", Timestamp),
            ("ck", "tok", Timestamp + 1),
            ("other", "tok", Timestamp),
            ("ab", "c", Timestamp),                   // the parts are length-prefixed: "ab"+"c" is not "a"+"bc"
            ("a", "bc", Timestamp),
        ];

        foreach ((string consumerKey, string? token, long timestamp) in owners)
        {
            Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync(consumerKey, token, "same-nonce", timestamp, InFiveMinutes, default));
        }

        foreach ((string consumerKey, string? token, long timestamp) in owners)
        {
            Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync(consumerKey, token, "same-nonce", timestamp, InFiveMinutes, default));
        }

        Assert.Equal(owners.Length, (await redis.EntriesAsync(_prefix)).Count);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a\r\nFLUSHALL\r\n")]
    [InlineData("with spaces and \"quotes\"")]
    [InlineData("{hash-tag}")]
    [InlineData("??[a-z]\\")]
    [InlineData("nonce-é-漢字")]
    public async Task Keys_hold_a_hash_and_no_raw_part_so_a_hostile_nonce_is_harmless(string nonce)
    {
        string canary = _prefix + "canary";
        await redis.Connection.GetDatabase().StringSetAsync(canary, "alive");
        RedisNonceStore store = Store();

        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("client-key", "client-token", nonce, Timestamp, InFiveMinutes, default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("client-key", "client-token", nonce, Timestamp, InFiveMinutes, default));
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("client-key", "client-token", nonce + "x", Timestamp, InFiveMinutes, default));

        Assert.Equal("alive", (await redis.Connection.GetDatabase().StringGetAsync(canary)).ToString());
        IReadOnlyList<(string Key, string Value)> entries = (await redis.EntriesAsync(_prefix)).Where(e => e.Key != canary).ToList();
        Assert.Equal(2, entries.Count);
        foreach ((string key, string value) in entries)
        {
            Assert.StartsWith(_prefix, key, StringComparison.Ordinal);
            Assert.Matches(HashedKey, key[_prefix.Length..]);
            Assert.DoesNotContain("client-key", key, StringComparison.Ordinal);
            Assert.DoesNotContain("client-token", key, StringComparison.Ordinal);
            Assert.DoesNotContain(Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), key, StringComparison.Ordinal);
            Assert.Equal("1", value);
        }
    }

    [Fact]
    public async Task A_nonce_lives_in_Redis_until_the_expiry_the_verifier_gives_and_no_longer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        RedisNonceStore store = Store(clock);

        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", null, "ttl", Timestamp, clock.GetUtcNow().AddSeconds(90), default));

        (string key, _) = Assert.Single(await redis.EntriesAsync(_prefix));
        TimeSpan? ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(85), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_lifetime_below_a_millisecond_is_rounded_up_never_down_to_zero()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        RedisNonceStore store = Store(clock);

        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", null, "tick", Timestamp, clock.GetUtcNow().AddTicks(1), default));
    }

    [Fact]
    public async Task An_expiry_already_past_is_refused_and_not_stored()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        RedisNonceStore store = Store(clock);

        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", null, "past", Timestamp, clock.GetUtcNow().AddSeconds(-1), default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", null, "now", Timestamp, clock.GetUtcNow(), default));

        Assert.Empty(await redis.EntriesAsync(_prefix));
    }

    [Fact]
    public async Task Two_app_instances_sharing_the_store_refuse_a_replay_sent_to_the_other()
    {
        // Two instances: each its own connection, verifier and credential lookup; one Redis.
        await using ConnectionMultiplexer second = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(redis.Server.Configuration));
        OAuth1RequestVerifier instanceA = Signed.Verifier(new RedisNonceStore(redis.Connection, _prefix));
        OAuth1RequestVerifier instanceB = Signed.Verifier(new RedisNonceStore(second, _prefix));

        OAuth1IncomingRequest first = await Signed.RequestAsync();
        OAuth1VerificationResult accepted = await instanceA.VerifyAsync(first);
        Assert.True(accepted.IsValid, accepted.ToString());
        Assert.Equal(OAuth1VerificationFailure.NonceUsed, (await instanceB.VerifyAsync(first)).Failure);
        Assert.Equal(OAuth1VerificationFailure.NonceUsed, (await instanceA.VerifyAsync(first)).Failure);

        OAuth1IncomingRequest other = await Signed.RequestAsync();
        Assert.True((await instanceB.VerifyAsync(other)).IsValid);
        Assert.Equal(OAuth1VerificationFailure.NonceUsed, (await instanceA.VerifyAsync(other)).Failure);

        // No secret, and nothing the client sent, reached Redis.
        IReadOnlyList<(string Key, string Value)> entries = await redis.EntriesAsync(_prefix);
        Assert.Equal(2, entries.Count);
        foreach (string stored in entries.SelectMany(e => new[] { e.Key, e.Value }))
        {
            foreach (string part in new[] { Signed.ConsumerSecret, Signed.TokenSecret, Signed.ConsumerKey, Signed.Token })
            {
                Assert.DoesNotContain(part, stored, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void The_default_prefix_is_used_when_none_is_given()
    {
        var store = new RedisNonceStore(redis.Connection);

        Assert.Equal(RedisNonceStore.DefaultKeyPrefix, store.KeyPrefix);
        Assert.StartsWith("oauth1:nonce:", store.Key("ck", null, Timestamp, "n").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_call_throws_instead_of_answering()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store().TryUseAsync("ck", null, "n", Timestamp, InFiveMinutes, cancelled.Token));
        Assert.Empty(await redis.EntriesAsync(_prefix));
    }
}
