using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OAuth1;
using OAuth1.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="RedisNonceStore"/> as the app's <see cref="IOAuth1NonceStore"/>.</summary>
public static class OAuth1RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="RedisNonceStore"/> (singleton <see cref="IOAuth1NonceStore"/>) on a connection of its own,
    /// opened when the store is first resolved and disposed with the service provider. The connection fails closed:
    /// <c>AbortOnConnectFail = false</c> (start-up works while Redis is down; <c>abortConnect</c> in the string is
    /// overridden), <c>BacklogPolicy.FailFast</c> (no command waits for a reconnection), quick reconnection, and a 2 s
    /// connect timeout and 1 s command timeouts unless the string sets <c>connectTimeout</c>, <c>syncTimeout</c> or
    /// <c>asyncTimeout</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>redis:6379</c> or <c>redis:6380,password=…,ssl=true</c>.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentException">The configuration string is empty or names an unknown option.</exception>
    public static IServiceCollection AddOAuth1RedisNonceStore(this IServiceCollection services, string configuration) =>
        services.AddOAuth1RedisNonceStore(configuration, keyPrefix: null);

    /// <summary>
    /// Registers a <see cref="RedisNonceStore"/> with a key prefix of its own on a connection of its own, as
    /// <see cref="AddOAuth1RedisNonceStore(IServiceCollection, string)"/> does.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>redis:6379</c>.</param>
    /// <param name="keyPrefix">What every key starts with; <see cref="RedisNonceStore.DefaultKeyPrefix"/> when <see langword="null"/>.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentException">The configuration string is empty or names an unknown option.</exception>
    public static IServiceCollection AddOAuth1RedisNonceStore(this IServiceCollection services, string configuration, string? keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ConfigurationOptions options = RedisConnectionSettings.FailClosed(configuration);
        services.AddSingleton(_ => new RedisNonceStoreConnection(options));
        services.AddSingleton<IOAuth1NonceStore>(provider => Create(provider, provider.GetRequiredService<RedisNonceStoreConnection>().Connection, keyPrefix));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="RedisNonceStore"/> (singleton <see cref="IOAuth1NonceStore"/>) on the app's connection,
    /// which the app owns and disposes. Configure it to fail closed: <c>AbortOnConnectFail = false</c> and
    /// <c>BacklogPolicy = BacklogPolicy.FailFast</c>, with short timeouts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connection">The connection.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddOAuth1RedisNonceStore(this IServiceCollection services, IConnectionMultiplexer connection) =>
        services.AddOAuth1RedisNonceStore(connection, keyPrefix: null);

    /// <summary>
    /// Registers a <see cref="RedisNonceStore"/> with a key prefix of its own on the app's connection, as
    /// <see cref="AddOAuth1RedisNonceStore(IServiceCollection, IConnectionMultiplexer)"/> does.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connection">The connection.</param>
    /// <param name="keyPrefix">What every key starts with; <see cref="RedisNonceStore.DefaultKeyPrefix"/> when <see langword="null"/>.</param>
    /// <returns>The services, for chaining.</returns>
    public static IServiceCollection AddOAuth1RedisNonceStore(this IServiceCollection services, IConnectionMultiplexer connection, string? keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        services.AddSingleton<IOAuth1NonceStore>(provider => Create(provider, connection, keyPrefix));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="RedisNonceStore"/> (singleton <see cref="IOAuth1NonceStore"/>) on a connection of its own,
    /// read from a configuration section, with the fail-closed settings of
    /// <see cref="AddOAuth1RedisNonceStore(IServiceCollection, string)"/>. The section:
    /// <code language="json">
    /// "OAuth1Redis": {
    ///   "Configuration": "redis:6379,password=…",
    ///   "KeyPrefix": "myapp:oauth1:nonce:"
    /// }
    /// </code>
    /// <c>Configuration</c> (required) is a StackExchange.Redis configuration string; <c>KeyPrefix</c> (optional) defaults
    /// to <see cref="RedisNonceStore.DefaultKeyPrefix"/>. Keep a password out of appsettings.json: an environment variable
    /// or a secret store can supply the whole key (<c>OAuth1Redis__Configuration</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section, such as <c>builder.Configuration.GetSection("OAuth1Redis")</c>.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The section has no <c>Configuration</c>.</exception>
    public static IServiceCollection AddOAuth1RedisNonceStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        string? connection = configuration["Configuration"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            string path = configuration is IConfigurationSection section ? section.Path : "(root)";
            throw new InvalidOperationException($"The configuration section '{path}' has no 'Configuration' (the StackExchange.Redis configuration string of the OAuth 1.0a nonce store).");
        }

        string? keyPrefix = configuration["KeyPrefix"];
        return services.AddOAuth1RedisNonceStore(connection, string.IsNullOrEmpty(keyPrefix) ? null : keyPrefix);
    }

    private static RedisNonceStore Create(IServiceProvider provider, IConnectionMultiplexer connection, string? keyPrefix) =>
        new(connection, keyPrefix, provider.GetService<TimeProvider>(), provider.GetService<ILoggerFactory>()?.CreateLogger<RedisNonceStore>());
}
