using Microsoft.Extensions.Logging;

namespace OAuth1.Redis;

/// <summary>The store's log line: why Redis could not answer. Keys are hashes; no secret reaches the store.</summary>
internal static class RedisNonceStoreLog
{
    private static readonly Action<ILogger, string, Exception?> s_failed = LoggerMessage.Define<string>(
        LogLevel.Warning,
        new EventId(1201, "OAuth1RedisNonceStoreFailed"),
        "The Redis nonce store could not answer ({ExceptionType}); the nonce is reported as unavailable (fail closed).");

    public static void Failed(ILogger? logger, string exceptionType, Exception exception)
    {
        if (logger is not null)
        {
            s_failed(logger, exceptionType, exception);
        }
    }
}
