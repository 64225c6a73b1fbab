using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace OAuth1.Redis.Tests;

/// <summary><c>AddOAuth1RedisNonceStore</c>: a working store from a configuration string, a section or a connection.</summary>
public sealed class RegistrationTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static DateTimeOffset InFiveMinutes => DateTimeOffset.UtcNow.AddMinutes(5);

    [Fact]
    public async Task From_a_configuration_string_it_registers_a_working_singleton_store()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        await using ServiceProvider provider = new ServiceCollection().AddOAuth1RedisNonceStore(redis.Server.Configuration, prefix).BuildServiceProvider();

        IOAuth1NonceStore store = provider.GetRequiredService<IOAuth1NonceStore>();

        Assert.Same(store, provider.GetRequiredService<IOAuth1NonceStore>());
        Assert.Equal(prefix, Assert.IsType<RedisNonceStore>(store).KeyPrefix);
        await AssertWorksAsync(store, prefix);
    }

    [Fact]
    public async Task From_a_configuration_section_it_reads_the_connection_string_and_the_key_prefix()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["OAuth1Redis:Configuration"] = redis.Server.Configuration,
                ["OAuth1Redis:KeyPrefix"] = prefix,
            })
            .Build();
        await using ServiceProvider provider = new ServiceCollection().AddOAuth1RedisNonceStore(configuration.GetSection("OAuth1Redis")).BuildServiceProvider();

        await AssertWorksAsync(provider.GetRequiredService<IOAuth1NonceStore>(), prefix);
    }

    [Fact]
    public void A_section_without_a_configuration_string_is_refused_by_name_at_registration()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OAuth1Redis:KeyPrefix"] = "x:" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOAuth1RedisNonceStore(configuration.GetSection("OAuth1Redis")));
        Assert.Contains("'OAuth1Redis'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Configuration'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_apps_connection_it_uses_it_and_leaves_it_open()
    {
        string prefix = RedisServerFixture.UniquePrefix();
        await using (ServiceProvider withDefaultPrefix = new ServiceCollection().AddOAuth1RedisNonceStore(redis.Connection).BuildServiceProvider())
        await using (ServiceProvider withPrefix = new ServiceCollection().AddOAuth1RedisNonceStore(redis.Connection, prefix).BuildServiceProvider())
        {
            Assert.Equal(RedisNonceStore.DefaultKeyPrefix, Assert.IsType<RedisNonceStore>(withDefaultPrefix.GetRequiredService<IOAuth1NonceStore>()).KeyPrefix);
            await AssertWorksAsync(withPrefix.GetRequiredService<IOAuth1NonceStore>(), prefix);
        }

        Assert.True(redis.Connection.IsConnected);
    }

    [Fact]
    public void A_connection_made_from_a_string_fails_closed_and_fast_whatever_the_string_says_about_aborting()
    {
        ConfigurationOptions options = RedisConnectionSettings.FailClosed("127.0.0.1:1,abortConnect=true");

        Assert.False(options.AbortOnConnectFail);
        Assert.Same(BacklogPolicy.FailFast, options.BacklogPolicy);
        Assert.Equal(RedisConnectionSettings.ConnectTimeoutMilliseconds, options.ConnectTimeout);
        Assert.Equal(RedisConnectionSettings.CommandTimeoutMilliseconds, options.SyncTimeout);
        Assert.Equal(RedisConnectionSettings.CommandTimeoutMilliseconds, options.AsyncTimeout);

        ConfigurationOptions own = RedisConnectionSettings.FailClosed("127.0.0.1:1,connectTimeout=700,syncTimeout=800,asyncTimeout=900");
        Assert.Equal((700, 800, 900), (own.ConnectTimeout, own.SyncTimeout, own.AsyncTimeout));
    }

    private async Task AssertWorksAsync(IOAuth1NonceStore store, string prefix)
    {
        Assert.Equal(OAuth1NonceResult.Accepted, await store.TryUseAsync("ck", "tok", "registered", 1_700_000_000, InFiveMinutes, default));
        Assert.Equal(OAuth1NonceResult.Replayed, await store.TryUseAsync("ck", "tok", "registered", 1_700_000_000, InFiveMinutes, default));
        Assert.Single(await redis.EntriesAsync(prefix));
    }
}
