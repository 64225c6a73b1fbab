using System.Collections.Concurrent;
using System.Security.Cryptography;
using OAuth1;

namespace OAuth1Gen.Provider;

/// <summary>What kind of token an <see cref="IssuedToken"/> is.</summary>
internal enum TokenKind
{
    Request,
    Access,
}

/// <summary>A token the provider issued, with what the flow attached to it.</summary>
internal sealed class IssuedToken
{
    public required string Token { get; init; }

    public required string Secret { get; init; }

    public required string ConsumerKey { get; init; }

    public required TokenKind Kind { get; init; }

    /// <summary>The <c>oauth_callback</c> of a request token (<c>oob</c> or a URL).</summary>
    public string? Callback { get; init; }

    /// <summary>The anti-forgery value of the authorization form of a request token.</summary>
    public string? FormToken { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Who approved (request token) or whom the token acts for (access token).</summary>
    public ProviderUser? User { get; set; }

    /// <summary>The verifier, once the user approved (request token).</summary>
    public string? Verifier { get; set; }

    /// <summary>The <c>oauth_session_handle</c> of an access token.</summary>
    public string? SessionHandle { get; init; }
}

/// <summary>The provider's clients, users and tokens, in memory; the verifier's <see cref="IOAuth1CredentialStore"/>.</summary>
internal sealed class ProviderStore : IOAuth1CredentialStore
{
    private static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, ProviderConsumer> _consumers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderUser> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ProviderUser> _userOrder = new();
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan? _accessTokenLifetime;

    public ProviderStore(ProviderSettings settings)
    {
        _time = settings.TimeProvider;
        _accessTokenLifetime = settings.AccessTokenLifetime;
        foreach (ProviderConsumer consumer in settings.Consumers)
        {
            AddConsumer(consumer);
        }

        foreach (ProviderUser user in settings.Users)
        {
            AddUser(user);
        }
    }

    public TimeSpan? AccessTokenLifetime => _accessTokenLifetime;

    public IEnumerable<ProviderUser> Users => _userOrder;

    public void AddConsumer(ProviderConsumer consumer)
    {
        if (!_consumers.TryAdd(consumer.Key, consumer))
        {
            throw new ArgumentException($"A consumer with the key '{consumer.Key}' is already registered.", nameof(consumer));
        }
    }

    public void AddUser(ProviderUser user)
    {
        if (!_users.TryAdd(user.UserName, user))
        {
            throw new ArgumentException($"A user named '{user.UserName}' is already registered.", nameof(user));
        }

        _userOrder.Enqueue(user);
    }

    public ProviderConsumer? FindConsumer(string key) => _consumers.TryGetValue(key, out var consumer) ? consumer : null;

    public ProviderUser? FindUser(string userName) => _users.TryGetValue(userName, out var user) ? user : null;

    public ProviderUser? DefaultUser => _userOrder.TryPeek(out var user) ? user : null;

    public ValueTask<OAuth1ConsumerCredentials?> FindConsumerAsync(string consumerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FindConsumer(consumerKey) is { } consumer ? new OAuth1ConsumerCredentials(consumer.Secret, consumer.RsaPublicKey) : null);

    public ValueTask<string?> FindTokenSecretAsync(string consumerKey, string token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(FindToken(consumerKey, token)?.Secret);

    /// <summary>A token issued to the client, expired or not (the endpoints decide what an expired token may still do).</summary>
    public IssuedToken? FindToken(string consumerKey, string token) =>
        _tokens.TryGetValue(token, out var issued) && issued.ConsumerKey == consumerKey ? issued : null;

    /// <summary>A request token by its identifier alone (the authorization page has no signature).</summary>
    public IssuedToken? FindRequestToken(string token) =>
        _tokens.TryGetValue(token, out var issued) && issued.Kind == TokenKind.Request && !IsExpired(issued) ? issued : null;

    public bool IsExpired(IssuedToken token) => token.ExpiresAt is { } expires && _time.GetUtcNow() >= expires;

    /// <summary>Removes a token so that it cannot be used again; false when it was already gone.</summary>
    public bool Remove(IssuedToken token) => _tokens.TryRemove(new KeyValuePair<string, IssuedToken>(token.Token, token));

    public IssuedToken IssueRequestToken(string consumerKey, string callback) => Add(new IssuedToken
    {
        Token = "rt-" + RandomHex(16),
        Secret = RandomSecret(),
        ConsumerKey = consumerKey,
        Kind = TokenKind.Request,
        Callback = callback,
        FormToken = RandomHex(16),
        ExpiresAt = _time.GetUtcNow() + RequestTokenLifetime,
    });

    public IssuedToken IssueAccessToken(string consumerKey, ProviderUser user) => Add(new IssuedToken
    {
        Token = $"{user.UserId}-{RandomHex(20)}",
        Secret = RandomSecret(),
        ConsumerKey = consumerKey,
        Kind = TokenKind.Access,
        User = user,
        SessionHandle = "sh-" + RandomHex(16),
        ExpiresAt = _accessTokenLifetime is { } lifetime ? _time.GetUtcNow() + lifetime : null,
    });

    public static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A 7-digit PIN for the out-of-band flow.</summary>
    public static string RandomPin() => RandomNumberGenerator.GetInt32(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static bool FixedTimeEquals(string? a, string? b) =>
        a is not null && b is not null
        && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    /// <summary>Base64, so that secrets have characters that need percent-encoding (PLAINTEXT and the signing key escape them).</summary>
    private static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(25));

    private IssuedToken Add(IssuedToken token)
    {
        _tokens[token.Token] = token;
        return token;
    }
}
