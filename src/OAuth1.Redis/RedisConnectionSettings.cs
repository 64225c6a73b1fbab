using StackExchange.Redis;

namespace OAuth1.Redis;

/// <summary>The StackExchange.Redis settings of a connection made for the nonce store: fail closed, and quickly.</summary>
internal static class RedisConnectionSettings
{
    /// <summary>Connect timeout when the configuration string names none (StackExchange.Redis's default is 5 s).</summary>
    internal const int ConnectTimeoutMilliseconds = 2000;

    /// <summary>Sync and async command timeout when the configuration string names none (the default is 5 s).</summary>
    internal const int CommandTimeoutMilliseconds = 1000;

    /// <summary>
    /// Parses a configuration string and makes it fail closed: start-up does not wait for Redis
    /// (<c>AbortOnConnectFail = false</c>, whatever <c>abortConnect</c> says), commands issued while it is unreachable fail
    /// at once instead of waiting in a backlog (<see cref="BacklogPolicy.FailFast"/>), and reconnection is retried from
    /// a quarter of a second up to five seconds apart. Connect and command timeouts are short unless the string sets them.
    /// </summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>redis:6379,password=…,ssl=true</c>.</param>
    /// <returns>The options to connect with.</returns>
    internal static ConfigurationOptions FailClosed(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ConfigurationOptions options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        if (!Names(configuration, "connectTimeout"))
        {
            options.ConnectTimeout = ConnectTimeoutMilliseconds;
        }

        if (!Names(configuration, "syncTimeout"))
        {
            options.SyncTimeout = CommandTimeoutMilliseconds;
        }

        if (!Names(configuration, "asyncTimeout"))
        {
            options.AsyncTimeout = CommandTimeoutMilliseconds;
        }

        return options;
    }

    /// <summary>Whether the comma-separated string sets the option (<c>name=…</c>, case-insensitive, as the parser reads it).</summary>
    private static bool Names(string configuration, string name)
    {
        foreach (string part in configuration.Split(','))
        {
            string trimmed = part.Trim();
            if (trimmed.Length > name.Length && trimmed[name.Length] == '=' && trimmed.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
