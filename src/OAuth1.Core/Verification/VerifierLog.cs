using Microsoft.Extensions.Logging;

namespace OAuth1;

/// <summary>The verifier's log lines: what an operator must see. None carries a secret or a signature.</summary>
internal static class VerifierLog
{
    private static readonly Action<ILogger, string, Exception?> s_unavailable = LoggerMessage.Define<string>(
        LogLevel.Warning,
        new EventId(1101, "OAuth1NonceStoreUnavailable"),
        "The OAuth 1.0a nonce store ({Store}) could not tell whether a nonce was used (unreachable or full); the request was refused (fail closed).");

    private static readonly Action<ILogger, string, Exception?> s_failed = LoggerMessage.Define<string>(
        LogLevel.Warning,
        new EventId(1102, "OAuth1NonceStoreFailed"),
        "The OAuth 1.0a nonce store failed ({ExceptionType}); the request was refused (fail closed).");

    public static void NonceStoreUnavailable(ILogger? logger, string store)
    {
        if (logger is not null)
        {
            s_unavailable(logger, store, null);
        }
    }

    public static void NonceStoreFailed(ILogger? logger, string exceptionType, Exception exception)
    {
        if (logger is not null)
        {
            s_failed(logger, exceptionType, exception);
        }
    }
}
