using System.Security.Cryptography;

namespace OAuth1Gen.Provider;

/// <summary>How an <see cref="EmbeddedProvider"/> is started: its port, its clients and users, its clock and switches.</summary>
public sealed class ProviderSettings
{
    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// When set, <c>GET /oauth/authorize</c> approves at once for the first user (or the <c>user</c> query
    /// parameter) and redirects to the callback, with no page to click through. For scripts.
    /// </summary>
    public bool AutoApprove { get; set; }

    /// <summary>Accepts PLAINTEXT over plain HTTP (the provider only listens on http://127.0.0.1). Off by default, as in the verifier.</summary>
    public bool AllowPlaintextOverHttp { get; set; }

    /// <summary>The provider's clock (token expiry and the timestamp window); use a FakeTimeProvider in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How far <c>oauth_timestamp</c> may be from the provider's clock; 5 minutes by default.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an access token works before resources answer <c>oauth_problem=token_expired</c> and it must be
    /// refreshed with its <c>oauth_session_handle</c>; <see langword="null"/> (the default) for tokens that never expire.
    /// </summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>The <c>realm</c> of the <c>WWW-Authenticate: OAuth</c> challenges.</summary>
    public string Realm { get; set; } = "OAuth1Gen";

    /// <summary>The registered clients.</summary>
    public IList<ProviderConsumer> Consumers { get; } = new List<ProviderConsumer>();

    /// <summary>The registered users (the first one is the default on the authorization page).</summary>
    public IList<ProviderUser> Users { get; } = new List<ProviderUser>();

    /// <summary>Settings with the <see cref="DemoAccounts"/>: the demo client and the users alice and bob.</summary>
    /// <returns>New settings.</returns>
    public static ProviderSettings CreateDemo()
    {
        var settings = new ProviderSettings();
        settings.Consumers.Add(new ProviderConsumer(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret) { Name = "OAuth1Gen Demo" });
        settings.Users.Add(new ProviderUser(DemoAccounts.UserName, DemoAccounts.Password, "1001") { DisplayName = "Alice Liddell" });
        settings.Users.Add(new ProviderUser(DemoAccounts.SecondUserName, DemoAccounts.SecondPassword, "1002") { DisplayName = "Bob" });
        return settings;
    }
}

/// <summary>The well-known accounts of <see cref="ProviderSettings.CreateDemo"/>. Test credentials, not secrets.</summary>
public static class DemoAccounts
{
    /// <summary>The demo client's key.</summary>
    public const string ConsumerKey = "demo-consumer";

    /// <summary>The demo client's secret.</summary>
    public const string ConsumerSecret = "demo-consumer-secret";

    /// <summary>The first user, who approves by default.</summary>
    public const string UserName = "alice";

    /// <summary>alice's password (for xAuth).</summary>
    public const string Password = "alice-password";

    /// <summary>The second user.</summary>
    public const string SecondUserName = "bob";

    /// <summary>bob's password.</summary>
    public const string SecondPassword = "bob-password";
}

/// <summary>How a client's token endpoints answer: correctly, or in one of the ways real providers get it wrong.</summary>
public enum TokenEndpointBehavior
{
    /// <summary>A form-encoded token (RFC 5849).</summary>
    Normal,

    /// <summary>The same token as a JSON object (<c>application/json</c>).</summary>
    Json,

    /// <summary>500 with an HTML error page of a few KB.</summary>
    ServerErrorHtml,

    /// <summary>200 with an empty body.</summary>
    EmptyBody,

    /// <summary>200 with an HTML login page.</summary>
    HtmlPage,

    /// <summary>200 with <c>oauth_token</c> but no <c>oauth_token_secret</c>.</summary>
    MissingTokenSecret,

    /// <summary>The request token without <c>oauth_callback_confirmed</c> (an OAuth 1.0 provider).</summary>
    CallbackNotConfirmed,

    /// <summary>
    /// Holds each token request, right after its signature is verified and before anything is issued or used up,
    /// until the client's <see cref="ProviderConsumer.Gate"/> is released (or the client goes away); then answers normally.
    /// </summary>
    Hold,
}

/// <summary>A registered client.</summary>
public sealed class ProviderConsumer
{
    /// <summary>Registers a client.</summary>
    /// <param name="key">The consumer key.</param>
    /// <param name="secret">The consumer secret (HMAC and PLAINTEXT; may be empty for an RSA-only client).</param>
    /// <param name="rsaPublicKey">The client's RSA public key, for the RSA-SHA* methods.</param>
    public ProviderConsumer(string key, string secret, RSA? rsaPublicKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        Secret = secret ?? string.Empty;
        RsaPublicKey = rsaPublicKey;
        Name = key;
    }

    /// <summary>The consumer key.</summary>
    public string Key { get; }

    /// <summary>The consumer secret.</summary>
    public string Secret { get; }

    /// <summary>The RSA public key, if the client signs with RSA.</summary>
    public RSA? RsaPublicKey { get; }

    /// <summary>The name shown on the authorization page.</summary>
    public string Name { get; init; }

    /// <summary>Whether the client may use xAuth (<c>x_auth_mode=client_auth</c>); true by default.</summary>
    public bool AllowXAuth { get; init; } = true;

    /// <summary>How its token endpoints answer; <see cref="TokenEndpointBehavior.Normal"/> by default.</summary>
    public TokenEndpointBehavior Behavior { get; init; }

    /// <summary>Holds this client's requests to <c>/api/hold</c> (and its token requests under <see cref="TokenEndpointBehavior.Hold"/>).</summary>
    public ResponseGate Gate { get; } = new();

    /// <summary>A description without the secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ProviderConsumer {{ Key = {Key}, Secret = (hidden), Rsa = {(RsaPublicKey is null ? "no" : "yes")}, Behavior = {Behavior} }}";
}

/// <summary>A registered user (resource owner).</summary>
public sealed class ProviderUser
{
    /// <summary>Registers a user.</summary>
    /// <param name="userName">The user name (<c>screen_name</c>, and <c>x_auth_username</c> for xAuth).</param>
    /// <param name="password">The password (xAuth only).</param>
    /// <param name="userId">The numeric id sent as <c>user_id</c>.</param>
    public ProviderUser(string userName, string password, string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        UserName = userName;
        Password = password ?? string.Empty;
        UserId = userId;
        DisplayName = userName;
    }

    /// <summary>The user name.</summary>
    public string UserName { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <summary>The user id.</summary>
    public string UserId { get; }

    /// <summary>The display name.</summary>
    public string DisplayName { get; init; }

    /// <summary>A description without the password.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ProviderUser {{ UserName = {UserName}, UserId = {UserId} }}";
}

/// <summary>
/// Holds requests until released, so that a test can act while the provider is in the middle of answering (cancel
/// the client, send a concurrent request) without sleeping.
/// </summary>
public sealed class ResponseGate
{
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly SemaphoreSlim _aborted = new(0);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _abortedCount;

    /// <summary>How many held requests ended because the client went away.</summary>
    public int AbortedCount => Volatile.Read(ref _abortedCount);

    /// <summary>Completes when a request is being held (one completion per request).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForHeldRequestAsync(CancellationToken cancellationToken = default) => _arrived.WaitAsync(cancellationToken);

    /// <summary>Completes when a held request's client has gone away (one completion per request).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForAbortedRequestAsync(CancellationToken cancellationToken = default) => _aborted.WaitAsync(cancellationToken);

    /// <summary>Lets every held request go on; later requests are held again.</summary>
    public void ReleaseAll() =>
        Interlocked.Exchange(ref _release, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    internal async Task HoldAsync(CancellationToken requestAborted)
    {
        Task release = Volatile.Read(ref _release).Task;
        _arrived.Release();
        try
        {
            await release.WaitAsync(requestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _abortedCount);
            _aborted.Release();
            throw;
        }
    }
}
