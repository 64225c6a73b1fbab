using StackExchange.Redis;

namespace OAuth1.Redis;

/// <summary>
/// The connection that <c>AddOAuth1RedisNonceStore</c> makes from a configuration string: opened when the store is
/// first resolved, disposed with the service provider.
/// </summary>
internal sealed class RedisNonceStoreConnection(ConfigurationOptions options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection = new(() => ConnectionMultiplexer.Connect(options), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The connection; with <c>AbortOnConnectFail = false</c> it is returned even while Redis is unreachable, and reconnects by itself.</summary>
    public IConnectionMultiplexer Connection => _connection.Value;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
