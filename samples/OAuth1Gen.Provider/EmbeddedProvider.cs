using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OAuth1;

namespace OAuth1Gen.Provider;

/// <summary>
/// A small OAuth 1.0a provider on Kestrel at http://127.0.0.1, started in-process for the demo and the tests:
/// request token, authorization page (Approve / Deny), access token, xAuth, refresh with
/// <c>oauth_session_handle</c>, and protected JSON resources, every request checked by an
/// <see cref="OAuth1RequestVerifier"/>.
/// </summary>
/// <example>
/// <code>
/// await using var provider = await EmbeddedProvider.StartAsync(ProviderSettings.CreateDemo());
/// using var session = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret) { RedirectUri = "https://app.example/callback" };
/// await session.FetchRequestTokenAsync(provider.RequestTokenUrl);
/// var approval = await provider.ApproveAsync(session.CreateAuthorizationUrl(provider.AuthorizeUrl));
/// session.ParseAuthorizationResponse(approval.CallbackUrl!);
/// await session.FetchAccessTokenAsync(provider.AccessTokenUrl);
/// var me = await session.GetStringAsync(provider.UserUrl);
/// </code>
/// </example>
public sealed partial class EmbeddedProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ProviderStore _store;
    private readonly HttpClient _browser;
    private int _disposed;

    private EmbeddedProvider(WebApplication app, ProviderSettings settings, ProviderStore store, OAuth1RequestVerifier verifier, Uri baseAddress)
    {
        _app = app;
        Settings = settings;
        _store = store;
        Verifier = verifier;
        BaseAddress = baseAddress;
        _browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The provider's root, such as <c>http://127.0.0.1:54321/</c> (with the trailing slash).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The settings it was started with (consumers and users added later are not in their lists).</summary>
    public ProviderSettings Settings { get; }

    /// <summary>The verifier the endpoints use (same credential store and nonce store), to drive it directly.</summary>
    public OAuth1RequestVerifier Verifier { get; }

    /// <summary>The clients and tokens the verifier looks up.</summary>
    public IOAuth1CredentialStore Credentials => _store;

    /// <summary>The temporary credential request endpoint.</summary>
    public string RequestTokenUrl => Url(ProviderPaths.RequestToken);

    /// <summary>The authorization page.</summary>
    public string AuthorizeUrl => Url(ProviderPaths.Authorize);

    /// <summary>The token request endpoint (also xAuth and refresh).</summary>
    public string AccessTokenUrl => Url(ProviderPaths.AccessToken);

    /// <summary>The echo resource.</summary>
    public string EchoUrl => Url(ProviderPaths.Echo);

    /// <summary>The user resource.</summary>
    public string UserUrl => Url(ProviderPaths.User);

    /// <summary>The timeline resource.</summary>
    public string TimelineUrl => Url(ProviderPaths.Timeline);

    /// <summary>Starts a provider on 127.0.0.1 (the settings' port, or a free one).</summary>
    /// <param name="settings">Clients, users and switches; <see cref="ProviderSettings.CreateDemo"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running provider; dispose it to stop it.</returns>
    public static async Task<EmbeddedProvider> StartAsync(ProviderSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= ProviderSettings.CreateDemo();
        var store = new ProviderStore(settings);
        var verifier = new OAuth1RequestVerifier(store, new OAuth1VerifierOptions
        {
            TimeProvider = settings.TimeProvider,
            TimestampTolerance = settings.TimestampTolerance,
            AllowPlaintextOverHttp = settings.AllowPlaintextOverHttp,
            NonceStore = new InMemoryNonceStore(timeProvider: settings.TimeProvider),
        });
        var endpoints = new ProviderEndpoints(settings, store, verifier);

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EmbeddedProvider).Assembly.GetName().Name });
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, settings.Port);
        });
        WebApplication app = builder.Build();
        settings.ConfigureApplication?.Invoke(app);
        app.UseRouting();
        app.MapMethods("/" + ProviderPaths.RequestToken, ["GET", "POST"], endpoints.RequestTokenAsync);
        app.MapGet("/" + ProviderPaths.Authorize, endpoints.AuthorizePageAsync);
        app.MapPost("/" + ProviderPaths.Authorize, endpoints.AuthorizeDecisionAsync);
        app.MapMethods("/" + ProviderPaths.AccessToken, ["GET", "POST"], endpoints.AccessTokenAsync);
        app.Map("/" + ProviderPaths.Echo, endpoints.EchoAsync);
        app.Map("/" + ProviderPaths.Echo + "/{**rest}", endpoints.EchoAsync);
        app.MapGet("/" + ProviderPaths.User, endpoints.UserAsync);
        app.MapGet("/" + ProviderPaths.Timeline, endpoints.TimelineAsync);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new EmbeddedProvider(app, settings, store, verifier, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The absolute URL of a path on the provider.</summary>
    /// <param name="relative">A path such as <c>api/echo?x=1</c> (a leading slash is allowed).</param>
    /// <returns>The URL.</returns>
    public string Url(string relative) => new Uri(BaseAddress, relative.TrimStart('/')).AbsoluteUri;

    /// <summary>Registers a client while the provider runs.</summary>
    /// <param name="consumer">The client.</param>
    /// <returns>The same client.</returns>
    /// <exception cref="ArgumentException">The key is taken.</exception>
    public ProviderConsumer AddConsumer(ProviderConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        _store.AddConsumer(consumer);
        return consumer;
    }

    /// <summary>A registered client.</summary>
    /// <param name="consumerKey">The consumer key.</param>
    /// <returns>The client, or <see langword="null"/> when no client has that key.</returns>
    public ProviderConsumer? FindConsumer(string consumerKey)
    {
        ArgumentNullException.ThrowIfNull(consumerKey);
        return _store.FindConsumer(consumerKey);
    }

    /// <summary>Registers a user while the provider runs.</summary>
    /// <param name="user">The user.</param>
    /// <returns>The same user.</returns>
    /// <exception cref="ArgumentException">The name is taken.</exception>
    public ProviderUser AddUser(ProviderUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        _store.AddUser(user);
        return user;
    }

    /// <summary>
    /// Issues an access token directly, without the three steps: for tests of what comes after the flow
    /// (generated clients, handlers). The token has the same fields as one from the access token endpoint.
    /// </summary>
    /// <param name="consumerKey">A registered client.</param>
    /// <param name="userName">A registered user; the first one when <see langword="null"/>.</param>
    /// <returns>The token, with <c>user_id</c>, <c>screen_name</c> and <c>oauth_session_handle</c>.</returns>
    /// <exception cref="ArgumentException">The client or user is unknown.</exception>
    public OAuth1Token IssueAccessToken(string consumerKey, string? userName = null)
    {
        ProviderConsumer consumer = _store.FindConsumer(consumerKey) ?? throw new ArgumentException($"No consumer '{consumerKey}'.", nameof(consumerKey));
        ProviderUser user = (userName is null ? _store.DefaultUser : _store.FindUser(userName))
            ?? throw new ArgumentException($"No user '{userName}'.", nameof(userName));
        IssuedToken issued = _store.IssueAccessToken(consumer.Key, user);
        return OAuth1Token.FromDictionary(new Dictionary<string, string>
        {
            [OAuth1Parameters.Token] = issued.Token,
            [OAuth1Parameters.TokenSecret] = issued.Secret,
            ["user_id"] = user.UserId,
            ["screen_name"] = user.UserName,
            [OAuth1Parameters.SessionHandle] = issued.SessionHandle!,
        });
    }

    /// <summary>
    /// Plays the user's browser: opens the authorization URL, and submits the page's form with Approve as
    /// <paramref name="userName"/> (or follows the auto-approve redirect).
    /// </summary>
    /// <param name="authorizationUrl">The URL from <see cref="OAuth1Session.CreateAuthorizationUrl"/>.</param>
    /// <param name="userName">The user who approves; the page's default (the first user) when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The callback URL the provider redirected to, or the PIN it showed (callback <c>oob</c>).</returns>
    /// <exception cref="InvalidOperationException">The page did not answer as expected.</exception>
    public Task<AuthorizationOutcome> ApproveAsync(string authorizationUrl, string? userName = null, CancellationToken cancellationToken = default) =>
        DecideAsync(authorizationUrl, "approve", userName, cancellationToken);

    /// <summary>Plays the user's browser: opens the authorization URL and submits the form with Deny.</summary>
    /// <param name="authorizationUrl">The URL from <see cref="OAuth1Session.CreateAuthorizationUrl"/>.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The callback URL (with <c>denied=...</c>), or neither URL nor PIN for <c>oob</c>.</returns>
    /// <exception cref="InvalidOperationException">The page did not answer as expected.</exception>
    public Task<AuthorizationOutcome> DenyAsync(string authorizationUrl, CancellationToken cancellationToken = default) =>
        DecideAsync(authorizationUrl, "deny", null, cancellationToken);

    /// <summary>Stops the provider.</summary>
    /// <returns>A task.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _browser.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<AuthorizationOutcome> DecideAsync(string authorizationUrl, string decision, string? userName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorizationUrl);
        using HttpResponseMessage page = await _browser.GetAsync(authorizationUrl, cancellationToken).ConfigureAwait(false);
        string html = await page.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsRedirect(page.StatusCode))
        {
            return new AuthorizationOutcome(page.Headers.Location?.OriginalString, null, html);
        }

        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The authorization page answered {(int)page.StatusCode}: {ErrorText(html)}");
        }

        if (PinPattern().Match(html) is { Success: true } shownPin)
        {
            // Auto-approve with the oob callback: the page is already the PIN.
            return new AuthorizationOutcome(null, shownPin.Groups["pin"].Value, html);
        }

        Match form = FormPattern().Match(html);
        if (!form.Success)
        {
            throw new InvalidOperationException("The authorization page has no form.");
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInputPattern().Matches(form.Value))
        {
            fields.Add(new(WebUtility.HtmlDecode(input.Groups["name"].Value), WebUtility.HtmlDecode(input.Groups["value"].Value)));
        }

        if (userName is not null)
        {
            fields.Add(new("user", userName));
        }

        fields.Add(new("decision", decision));
        var action = new Uri(new Uri(authorizationUrl), WebUtility.HtmlDecode(form.Groups["action"].Value));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(FormUrlEncoding.Format(fields)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FormUrlEncoding.MediaType);
        using HttpResponseMessage answer = await _browser.PostAsync(action, content, cancellationToken).ConfigureAwait(false);
        string answerHtml = await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (IsRedirect(answer.StatusCode))
        {
            return new AuthorizationOutcome(answer.Headers.Location?.OriginalString, null, answerHtml);
        }

        if (answer.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The authorization form answered {(int)answer.StatusCode}: {ErrorText(answerHtml)}");
        }

        Match pin = PinPattern().Match(answerHtml);
        return new AuthorizationOutcome(null, pin.Success ? pin.Groups["pin"].Value : null, answerHtml);
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static string ErrorText(string html) => ErrorPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["text"].Value) : "(no message)";

    [GeneratedRegex("<form\\b[^>]*\\baction=\"(?<action>[^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\s+type=\"hidden\"\\s+name=\"(?<name>[^\"]*)\"\\s+value=\"(?<value>[^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInputPattern();

    [GeneratedRegex("<code id=\"pin\">(?<pin>[^<]*)</code>", RegexOptions.CultureInvariant)]
    private static partial Regex PinPattern();

    [GeneratedRegex("id=\"(?:error|denied)\">(?<text>[^<]*)<", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorPattern();
}

/// <summary>What the authorization page did after the user's decision.</summary>
/// <param name="CallbackUrl">The callback URL the provider redirected to (with <c>oauth_token</c> and <c>oauth_verifier</c>, or <c>denied</c>).</param>
/// <param name="Pin">The PIN it showed instead, for the <c>oob</c> callback.</param>
/// <param name="Html">The last page's HTML (empty for a redirect).</param>
public sealed record AuthorizationOutcome(string? CallbackUrl, string? Pin, string Html);
