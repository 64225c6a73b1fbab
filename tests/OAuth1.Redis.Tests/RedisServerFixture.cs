using StackExchange.Redis;

namespace OAuth1.Redis.Tests;

/// <summary>One redis-server and one connection for the tests that do not stop it; each test uses a key prefix of its own.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private ConnectionMultiplexer? _connection;

    public RedisServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(RedisConnectionSettings.FailClosed(_server.Configuration));
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A prefix no other test uses.</summary>
    public static string UniquePrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>The keys under a prefix (SCAN), with their values.</summary>
    public async Task<IReadOnlyList<(string Key, string Value)>> EntriesAsync(string prefix)
    {
        IServer server = Connection.GetServer(Connection.GetEndPoints().Single());
        var entries = new List<(string, string)>();
        await foreach (RedisKey key in server.KeysAsync(pattern: prefix + "*"))
        {
            entries.Add((key.ToString(), (await Connection.GetDatabase().StringGetAsync(key)).ToString()));
        }

        return entries;
    }
}
