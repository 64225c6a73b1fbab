using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;

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

    /// <summary>
    /// Extends the provider's ASP.NET Core pipeline; <see langword="null"/> (the default) for the provider as it is.
    /// It is called once the application is built, before the provider adds routing and maps its own endpoints:
    /// middleware added here sees every request first (and may answer it), and endpoints mapped here sit beside the
    /// provider's (for a path both serve, routing prefers the more specific pattern).
    /// </summary>
    /// <example>
    /// <code>
    /// settings.ConfigureApplication = app =&gt; app.MapGet("/api/version", () =&gt; "1.0");
    /// </code>
    /// </example>
    public Action<WebApplication>? ConfigureApplication { get; set; }

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

    /// <summary>A description without the secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"ProviderConsumer {{ Key = {Key}, Secret = (hidden), Rsa = {(RsaPublicKey is null ? "no" : "yes")} }}";
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
