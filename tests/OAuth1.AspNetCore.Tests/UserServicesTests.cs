using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth1.AspNetCore.Tests.Infrastructure;
using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests;

/// <summary>
/// After sign-in: the user's token, session and options from dependency injection, used the ways the library's
/// clients use them (a session; one shared <see cref="OAuth1Handler"/> with the per-request
/// <see cref="OAuth1RequestOptions.Token"/>, as the Refit adapter does; <see cref="OAuth1Signer"/> with the user's
/// options, as generated clients do; an <c>IHttpClientFactory</c> client with <c>AddOAuth1UserToken</c>). Also
/// several schemes side by side.
/// </summary>
public sealed class UserServicesTests : IClassFixture<ProviderFixture>
{
    private readonly EmbeddedProvider _provider;

    public UserServicesTests(ProviderFixture fixture)
    {
        _provider = fixture.Provider;
    }

    [Fact]
    public async Task EveryWayOfCallingTheProvider_ActsForTheSignedInUser()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await StartApiAppAsync(consumer);

        using CookieBrowser alice = await SignInAsync(app, "garmin", DemoAccounts.UserName);
        using CookieBrowser bob = await SignInAsync(app, "garmin", DemoAccounts.SecondUserName);
        using var anonymous = new CookieBrowser();

        foreach (string way in new[] { "session", "shared", "signer", "factory" })
        {
            Assert.Equal("alice", (await alice.GetTextAsync(app.Url($"/api/{way}"))).Body);
            Assert.Equal("bob", (await bob.GetTextAsync(app.Url($"/api/{way}"))).Body);
        }

        // Not signed in: no session, no token.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetTextAsync(app.Url("/api/session"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetTextAsync(app.Url("/api/signer"))).Status);

        // The AddOAuth1UserToken client refuses to send for nobody (rather than two-legged or with another token).
        (HttpStatusCode status, string refusal) = await anonymous.GetTextAsync(app.Url("/api/factory"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("refused: ", refusal, StringComparison.Ordinal);
        Assert.Contains("no signed-in user", refusal, StringComparison.Ordinal);
        Assert.Contains("'garmin'", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(consumer.Secret, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOAuth1UserToken_AToken_TheRequestCarries_WinsOverTheSignedInUsers_AndNeedsNoUser()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await StartApiAppAsync(consumer);
        using CookieBrowser alice = await SignInAsync(app, "garmin", DemoAccounts.UserName);
        using CookieBrowser bob = await SignInAsync(app, "garmin", DemoAccounts.SecondUserName);
        using var anonymous = new CookieBrowser();
        OAuth1Token bobs = await bob.GetSavedTokenAsync(app);
        string asBob = $"/api/factory-as?token={Uri.EscapeDataString(bobs.Token)}&secret={Uri.EscapeDataString(bobs.TokenSecret)}";

        Assert.Equal("alice", (await alice.GetTextAsync(app.Url("/api/factory"))).Body);
        Assert.Equal("bob", (await alice.GetTextAsync(app.Url(asBob))).Body);
        Assert.Equal("bob", (await anonymous.GetTextAsync(app.Url(asBob))).Body);
    }

    [Fact]
    public async Task AddOAuth1UserToken_WithAllowWithoutUserToken_SendsForNobody_AsTheSignerChooses()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)),
            map: web => web.MapGet("/echo", async (IHttpClientFactory clients) =>
            {
                using var form = new FormUrlEncodedContent([new("status", "hello")]);
                using HttpResponseMessage response = await clients.CreateClient("fallback").PostAsync(_provider.EchoUrl, form);
                return Results.Text(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(), "application/json");
            }),
            services: services => services.AddHttpClient("fallback")
                .AddOAuth1UserToken(o =>
                {
                    o.Scheme = "garmin";
                    o.AllowWithoutUserToken = true;
                })
                .AddHttpMessageHandler(provider => new OAuth1Handler(provider.GetRequiredService<IOAuth1UserSessionFactory>().CreateOptions("garmin")))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false }));
        using CookieBrowser alice = await SignInAsync(app, "garmin", DemoAccounts.UserName);
        using var anonymous = new CookieBrowser();

        JsonElement forAlice = await alice.GetJsonAsync(app.Url("/echo"));
        Assert.Equal("alice", forAlice.GetProperty("user").GetString());

        // Nobody signed in: allowed, the request goes out two-legged (the signer's options carry no token), verified.
        JsonElement forNobody = await anonymous.GetJsonAsync(app.Url("/echo"));
        Assert.Equal(JsonValueKind.Null, forNobody.GetProperty("user").ValueKind);
        Assert.Equal(consumer.Key, forNobody.GetProperty("oauth").GetProperty("consumer_key").GetString());
        Assert.True(forNobody.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task TheSavedToken_KeepsItsSessionHandle_SoItCanBeRefreshed()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)),
            map: web => web.MapGet("/refresh", async (HttpContext context, IOAuth1UserSessionFactory sessions) =>
            {
                using OAuth1Session session = (await sessions.CreateUserSessionAsync(context))!;
                string before = session.Token!.Token;
                OAuth1Token renewed = await session.RefreshAccessTokenAsync(_provider.AccessTokenUrl);
                string who = JsonDocument.Parse(await session.GetStringAsync(_provider.UserUrl)).RootElement.GetProperty("screen_name").GetString()!;
                return Results.Text($"{before != renewed.Token} {who}");
            }));
        using CookieBrowser alice = await SignInAsync(app, "garmin", DemoAccounts.UserName);

        (HttpStatusCode status, string body) = await alice.GetTextAsync(app.Url("/refresh"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("True alice", body);
    }

    [Fact]
    public async Task TwoSchemes_SideBySide_EachHasItsOwnCallbackCookieAndToken()
    {
        ProviderConsumer garminClient = ProviderSchemes.NewConsumer(_provider);
        ProviderConsumer twitterClient = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth
                .AddOAuth1("garmin", "Garmin", ProviderSchemes.Configure(_provider, garminClient))
                .AddOAuth1("twitter", "Twitter", ProviderSchemes.Configure(_provider, twitterClient)),
            map: web => web.MapGet("/tokens", async (HttpContext context, IOAuth1UserTokenAccessor tokens) =>
            {
                OAuth1Token? garmin = await tokens.GetUserTokenAsync(context, "garmin");
                OAuth1Token? twitter = await tokens.GetUserTokenAsync(context, "twitter");
                return Results.Text($"garmin={(garmin is null ? "none" : "some")} twitter={(twitter is null ? "none" : "some")}");
            }));
        using var browser = new CookieBrowser();

        // Both sign-ins in flight at once in one browser: two cookies, two callback paths.
        string garminAuthorize = await browser.StartSignInAsync(app, "garmin");
        string twitterAuthorize = await browser.StartSignInAsync(app, "twitter");
        Assert.NotNull(browser.FindCookie(new Uri(app.Url("/signin-garmin")), ".AspNetCore.OAuth1.garmin"));
        Assert.NotNull(browser.FindCookie(new Uri(app.Url("/signin-twitter")), ".AspNetCore.OAuth1.twitter"));
        Assert.Null(browser.FindCookie(new Uri(app.Url("/signin-garmin")), ".AspNetCore.OAuth1.twitter"));

        AuthorizationOutcome twitter = await _provider.ApproveAsync(twitterAuthorize, DemoAccounts.SecondUserName);
        AuthorizationOutcome garmin = await _provider.ApproveAsync(garminAuthorize, DemoAccounts.UserName);
        Assert.StartsWith(app.Url("/signin-twitter"), twitter.CallbackUrl, StringComparison.Ordinal);
        Assert.StartsWith(app.Url("/signin-garmin"), garmin.CallbackUrl, StringComparison.Ordinal);

        // Twitter's callback consumes only twitter's state; garmin's sign-in is still good afterwards.
        using (HttpResponseMessage response = await browser.GetAsync(twitter.CallbackUrl!))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("twitter", me.GetProperty("scheme").GetString());
        Assert.Equal("bob", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
        Assert.Equal("garmin=none twitter=some", (await browser.GetTextAsync(app.Url("/tokens"))).Body);

        using (HttpResponseMessage response = await browser.GetAsync(garmin.CallbackUrl!))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("garmin", me.GetProperty("scheme").GetString());
        Assert.Equal("alice", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
        Assert.Equal("garmin=some twitter=none", (await browser.GetTextAsync(app.Url("/tokens"))).Body);
    }

    [Fact]
    public async Task TheSchemeMustBeNamed_WhenSeveralAreRegistered_AndMustBeAnOAuth1Scheme()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth
            .AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer))
            .AddOAuth1("twitter", ProviderSchemes.Configure(_provider, consumer)));
        var sessions = app.Services.GetRequiredService<IOAuth1UserSessionFactory>();
        var tokens = app.Services.GetRequiredService<IOAuth1UserTokenAccessor>();
        var context = new DefaultHttpContext { RequestServices = app.Services };

        var ambiguous = Assert.Throws<InvalidOperationException>(() => sessions.CreateOptions());
        Assert.Contains("'garmin', 'twitter'", ambiguous.Message, StringComparison.Ordinal);
        var notOAuth1 = await Assert.ThrowsAsync<InvalidOperationException>(() => tokens.GetUserTokenAsync(context, "Cookies"));
        Assert.Contains("'Cookies' is not an OAuth 1.0a scheme", notOAuth1.Message, StringComparison.Ordinal);

        Assert.Null(await tokens.GetUserTokenAsync(context, "garmin"));
        Assert.Null(await sessions.CreateUserSessionAsync(context, "twitter"));
        Assert.Null(await tokens.GetCurrentUserTokenAsync("garmin"));

        OAuth1Options options = sessions.CreateOptions("twitter", new OAuth1Token("t", "s"));
        Assert.Equal(consumer.Key, options.ConsumerKey);
        Assert.Equal("t", options.Token);
        Assert.DoesNotContain(consumer.Secret, options.ToString(), StringComparison.Ordinal);
    }

    private async Task<CookieBrowser> SignInAsync(TestApp app, string scheme, string user)
    {
        var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, scheme), user);
        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>The app of <see cref="MapApiEndpoints"/>: a shared client, and an <c>IHttpClientFactory</c> client "api" with <c>AddOAuth1UserToken</c>.</summary>
    private Task<TestApp> StartApiAppAsync(ProviderConsumer consumer) => TestApp.StartAsync(
        auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)),
        map: MapApiEndpoints,
        services: services =>
        {
            services.AddSingleton(provider => new SharedApiClient(provider.GetRequiredService<IOAuth1UserSessionFactory>().CreateOptions("garmin")));
            services.AddHttpClient("api")
                .AddOAuth1UserToken("garmin")
                .AddHttpMessageHandler(provider => new OAuth1Handler(provider.GetRequiredService<IOAuth1UserSessionFactory>().CreateOptions()))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        });

    private void MapApiEndpoints(WebApplication web)
    {
        // An OAuth1Session for the user, from the factory.
        web.MapGet("/api/session", async (HttpContext context, IOAuth1UserSessionFactory sessions) =>
        {
            using OAuth1Session? session = await sessions.CreateUserSessionAsync(context);
            return session is null ? Results.Unauthorized() : Results.Text(ScreenName(await session.GetStringAsync(_provider.UserUrl)));
        });

        // One shared client for every user; the user's token rides on the request (what the Refit adapter does).
        web.MapGet("/api/shared", async (HttpContext context, IOAuth1UserTokenAccessor tokens, SharedApiClient shared) =>
        {
            OAuth1Token? token = await tokens.GetUserTokenAsync(context);
            if (token is null)
            {
                return Results.Unauthorized();
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, _provider.UserUrl);
            request.Options.Set(OAuth1RequestOptions.Token, token);
            using HttpResponseMessage response = await shared.Http.SendAsync(request);
            return Results.Text(ScreenName(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()));
        });

        // The user's options given to OAuth1Signer, as a generated client does with the options it was built with.
        web.MapGet("/api/signer", async (HttpContext context, IOAuth1UserSessionFactory sessions) =>
        {
            OAuth1Options? options = await sessions.CreateUserOptionsAsync(context);
            if (options is null)
            {
                return Results.Unauthorized();
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, _provider.UserUrl);
            await OAuth1Signer.SignAsync(request, options);
            using var plain = new HttpClient();
            using HttpResponseMessage response = await plain.SendAsync(request);
            return Results.Text(ScreenName(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()));
        });

        // An IHttpClientFactory client with AddOAuth1UserToken in front of the signing handler; it refuses to send
        // when nobody is signed in.
        web.MapGet("/api/factory", async (IHttpClientFactory clients) =>
        {
            try
            {
                return Results.Text(ScreenName(await clients.CreateClient("api").GetStringAsync(_provider.UserUrl)));
            }
            catch (InvalidOperationException ex)
            {
                return Results.Text("refused: " + ex.Message, statusCode: StatusCodes.Status401Unauthorized);
            }
        });

        // The same client, with a token the request carries itself.
        web.MapGet("/api/factory-as", async (IHttpClientFactory clients, string token, string secret) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _provider.UserUrl);
            request.Options.Set(OAuth1RequestOptions.Token, new OAuth1Token(token, secret));
            using HttpResponseMessage response = await clients.CreateClient("api").SendAsync(request);
            return Results.Text(ScreenName(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync()));
        });
    }

    private static string ScreenName(string json) => JsonDocument.Parse(json).RootElement.GetProperty("screen_name").GetString()!;

    /// <summary>A singleton client that signs with the scheme's client credentials and no token of its own.</summary>
    public sealed class SharedApiClient
    {
        public SharedApiClient(OAuth1Options options)
        {
            Assert.Null(options.Token);
            Http = new HttpClient(new OAuth1Handler(options, new SocketsHttpHandler { AllowAutoRedirect = false }));
        }

        public HttpClient Http { get; }
    }
}
