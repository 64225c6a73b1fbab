using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OAuth1.AspNetCore.Tests.Infrastructure;
using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests;

/// <summary>
/// Every way a sign-in can fail, without a browser: each must end on the remote-failure path with a clear message
/// (by default a short HTML page, 400 or 403, never a 500) and no secret in it, and must not sign anyone in.
/// </summary>
public sealed class FailureTests : IClassFixture<ProviderFixture>
{
    private const string StateCookie = ".AspNetCore.OAuth1.garmin";
    private readonly EmbeddedProvider _provider;

    public FailureTests(ProviderFixture fixture)
    {
        _provider = fixture.Provider;
    }

    // ---- The state cookie --------------------------------------------------------------------------------------

    [Fact]
    public async Task Callback_WithoutTheStateCookie_IsRefused()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var victim = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await victim.StartSignInAsync(app, "garmin"));

        // Another browser (no state cookie) opens the callback.
        using var other = new CookieBrowser();
        using HttpResponseMessage response = await other.GetAsync(outcome.CallbackUrl!);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "state cookie is missing", consumer.Secret);
        Assert.Contains("already used", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(other, app);
    }

    [Fact]
    public async Task Callback_Replayed_AfterASuccessfulSignIn_IsRefused()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        using (HttpResponseMessage first = await browser.GetAsync(outcome.CallbackUrl!))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using HttpResponseMessage replay = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(replay, HttpStatusCode.BadRequest, "This callback URL was already used", consumer.Secret);
    }

    [Fact]
    public async Task Callback_WithATamperedStateCookie_IsRefused_AndTheCookieIsDeleted()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        var callbackUri = new Uri(outcome.CallbackUrl!);
        Cookie cookie = browser.FindCookie(callbackUri, StateCookie)!;
        char[] value = cookie.Value.ToCharArray();
        int middle = value.Length / 2;
        value[middle] = value[middle] == 'A' ? 'B' : 'A';
        browser.Cookies.SetCookies(callbackUri, $"{StateCookie}={new string(value)}; path={cookie.Path}");

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "state cookie cannot be read", consumer.Secret);
        Assert.Null(browser.FindCookie(callbackUri, StateCookie));
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task Callback_WithTheStateCookieOfAnotherScheme_IsRefused()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth
            .AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer))
            .AddOAuth1("twitter", ProviderSchemes.Configure(_provider, consumer)));
        using var browser = new CookieBrowser();
        string authorizeTwitter = await browser.StartSignInAsync(app, "twitter");
        await browser.StartSignInAsync(app, "garmin");

        // Each scheme protects its state with its own purpose: twitter's cookie, renamed, does not open garmin's callback.
        Cookie twitterState = browser.FindCookie(new Uri(app.Url("/signin-twitter")), ".AspNetCore.OAuth1.twitter")!;
        browser.Cookies.SetCookies(new Uri(app.Url("/signin-garmin")), $"{StateCookie}={twitterState.Value}; path=/signin-garmin");
        AuthorizationOutcome outcome = await _provider.ApproveAsync(authorizeTwitter);
        string garminCallback = outcome.CallbackUrl!.Replace("/signin-twitter", "/signin-garmin", StringComparison.Ordinal);

        using HttpResponseMessage response = await browser.GetAsync(garminCallback);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "state cookie cannot be read", consumer.Secret);
    }

    [Fact]
    public async Task Callback_AfterTheRemoteAuthenticationTimeout_IsRefusedAsExpired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (TestApp app, ProviderConsumer consumer) = await StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(15);
        });
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        clock.Advance(TimeSpan.FromMinutes(16));
        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "took longer than 15 minutes and expired", consumer.Secret);
        await AssertSignedOutAsync(browser, app);
    }

    // ---- The returned token ------------------------------------------------------------------------------------

    [Fact]
    public async Task Callback_ForAnotherBrowsersRequestToken_IsRefusedAsAMismatch()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;

        // The victim started a sign-in; the attacker completes one of their own and sends the victim the callback (login CSRF).
        using var victim = new CookieBrowser();
        string victimAuthorize = await victim.StartSignInAsync(app, "garmin");
        using var attacker = new CookieBrowser();
        AuthorizationOutcome attackers = await _provider.ApproveAsync(await attacker.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await victim.GetAsync(attackers.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "does not match the request token", consumer.Secret);
        await AssertSignedOutAsync(victim, app);

        // The forged callback did not consume the victim's own sign-in, which still completes.
        AuthorizationOutcome victims = await _provider.ApproveAsync(victimAuthorize);
        using HttpResponseMessage callback = await victim.GetAsync(victims.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.True((await victim.GetJsonAsync(app.Url("/whoami"))).GetProperty("authenticated").GetBoolean());
    }

    [Fact]
    public async Task Callback_OfAnEarlierSignIn_IsRefusedAsStale_AfterASecondChallengeReplacedItsState()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        string first = await browser.StartSignInAsync(app, "garmin");
        await browser.StartSignInAsync(app, "garmin");

        AuthorizationOutcome outcome = await _provider.ApproveAsync(first);
        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "forged, stale or replayed", consumer.Secret);
    }

    [Fact]
    public async Task Callback_WithoutOAuthToken_IsRefused()
    {
        (TestApp app, _) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        await browser.StartSignInAsync(app, "garmin");

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/signin-garmin?oauth_verifier=123"));
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "has no oauth_token");
    }

    [Fact]
    public async Task Callback_WithoutVerifier_IsRefused()
    {
        (TestApp app, _) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        string withoutVerifier = outcome.CallbackUrl![..outcome.CallbackUrl!.IndexOf("&oauth_verifier=", StringComparison.Ordinal)];

        using HttpResponseMessage response = await browser.GetAsync(withoutVerifier);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "oauth_verifier");
    }

    // ---- Denial ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Deny_WithoutAccessDeniedPath_ShowsA403PageSayingSo()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.DenyAsync(await browser.StartSignInAsync(app, "garmin"));
        Assert.Contains("denied=", outcome.CallbackUrl, StringComparison.Ordinal);

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.Forbidden, "The sign-in with garmin was cancelled: the authorization was refused", consumer.Secret);
        Assert.Contains("cancelled", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task Deny_WithAccessDeniedPath_RedirectsThere_WithTheReturnUrl()
    {
        (TestApp app, _) = await StartAsync(o => o.AccessDeniedPath = "/denied");
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.DenyAsync(await browser.StartSignInAsync(app, "garmin", "/wanted"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(app.Url("/denied?ReturnUrl=%2Fwanted"), response.Headers.Location!.AbsoluteUri);
        Assert.Null(browser.FindCookie(new Uri(outcome.CallbackUrl!), StateCookie));
        await AssertSignedOutAsync(browser, app);
    }

    [Theory]
    [InlineData("error=access_denied&error_description=The+user+said+no&oauth_token={0}")]
    [InlineData("oauth_problem=user_refused&oauth_token={0}")]
    [InlineData("denied={0}")]
    public async Task ErrorAccessDenied_AndUserRefused_NamingTheRequestToken_AreDenialsToo(string query)
    {
        (TestApp app, _) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        string requestToken = RequestTokenOf(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/signin-garmin?" + string.Format(query, Uri.EscapeDataString(requestToken))));
        await AssertFailurePageAsync(response, HttpStatusCode.Forbidden, "The sign-in with garmin was cancelled: the authorization was refused");
        Assert.Null(browser.FindCookie(new Uri(app.Url("/signin-garmin")), StateCookie));
    }

    [Theory]
    [InlineData("denied=1")]
    [InlineData("denied=another-request-token")]
    [InlineData("denied=")]
    [InlineData("error=access_denied")]
    [InlineData("oauth_problem=user_refused&oauth_token=another-request-token")]
    [InlineData("error=access_denied&oauth_token=another-request-token")]
    public async Task ACrossSiteDenial_NamingNoOrAnotherToken_EndsOnTheErrorPage_AndTheSignInInProgressStillCompletes(string query)
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync(o => o.AccessDeniedPath = "/denied");
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        string authorize = await browser.StartSignInAsync(app, "garmin", "/wanted");
        var callbackPath = new Uri(app.Url("/signin-garmin"));
        string state = browser.FindCookie(callbackPath, StateCookie)!.Value;

        // Another site makes the browser open the callback with a denial of its own (a top-level GET: the Lax state
        // cookie goes with it). It is not the answer to this sign-in: the error page, and the state stays.
        using (HttpResponseMessage forged = await browser.GetAsync(app.Url("/signin-garmin?" + query)))
        {
            string body = await AssertFailurePageAsync(forged, HttpStatusCode.BadRequest, "not the answer to the sign-in in progress", consumer.Secret);
            Assert.DoesNotContain("Set-Cookie", forged.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(RequestTokenOf(authorize), body, StringComparison.Ordinal);
        }

        Assert.Equal(state, browser.FindCookie(callbackPath, StateCookie)?.Value);
        await AssertSignedOutAsync(browser, app);

        // The real callback then completes the sign-in.
        AuthorizationOutcome outcome = await _provider.ApproveAsync(authorize, DemoAccounts.SecondUserName);
        using HttpResponseMessage callback = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/wanted", callback.Headers.Location!.OriginalString);
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.True(me.GetProperty("authenticated").GetBoolean());
        Assert.Equal("1002", me.GetProperty("claims").GetProperty(System.Security.Claims.ClaimTypes.NameIdentifier).GetString());
        Assert.Null(browser.FindCookie(callbackPath, StateCookie));
    }

    [Fact]
    public async Task AnotherErrorOnTheCallback_IsA400WithTheProvidersWords_CutShort()
    {
        (TestApp app, _) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        await browser.StartSignInAsync(app, "garmin");

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/signin-garmin?error=server_error&error_description=Try+later"));
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "error=server_error (Try later)");

        // Anyone can write a callback URL: what it says is echoed HTML-encoded and at most 200 characters long.
        await browser.StartSignInAsync(app, "garmin");
        string longText = "<script>alert(1)</script>" + new string('x', 400);
        using HttpResponseMessage spoof = await browser.GetAsync(app.Url("/signin-garmin?error=server_error&error_description=" + Uri.EscapeDataString(longText)));
        string body = await AssertFailurePageAsync(spoof, HttpStatusCode.BadRequest, "error=server_error (");
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 201), body, StringComparison.Ordinal);
    }

    // ---- The provider refuses ----------------------------------------------------------------------------------

    [Fact]
    public async Task RequestTokenEndpoint_Answering401WithOAuthProblem_ShowsThePageFromTheChallenge_WithoutTheSecret()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        const string wrongSecret = "a-wrong-consumer-secret";
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o => o.ConsumerSecret = wrongSecret)));
        using var browser = new CookieBrowser();

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/login/garmin"));
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Fetching the request token failed", wrongSecret, consumer.Secret);
        Assert.Contains("401", body, StringComparison.Ordinal);
        Assert.Contains("oauth_problem=signature_invalid", body, StringComparison.Ordinal);
        Assert.Null(browser.FindCookie(new Uri(app.Url("/signin-garmin")), StateCookie));
    }

    [Fact]
    public async Task RequestTokenEndpoint_Answering500Html_ShowsThePage()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider, TokenEndpointBehavior.ServerErrorHtml);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)));
        using var browser = new CookieBrowser();

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/login/garmin"));
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Fetching the request token failed", consumer.Secret);
        Assert.Contains("500", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestTokenWithoutCallbackConfirmed_IsRefused_ByDefault()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider, TokenEndpointBehavior.CallbackNotConfirmed);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)));
        using var browser = new CookieBrowser();

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/login/garmin"));
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "oauth_callback_confirmed=true", consumer.Secret);
    }

    [Fact]
    public async Task RequestTokenEndpoint_Unreachable_ShowsThePage()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
            o.RequestTokenEndpoint = $"http://127.0.0.1:{closedPort}/oauth/request_token")));
        using var browser = new CookieBrowser();

        using HttpResponseMessage response = await browser.GetAsync(app.Url("/login/garmin"));
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "could not be reached", consumer.Secret);
    }

    [Fact]
    public async Task AccessTokenEndpoint_RefusingTheVerifier_FailsWithItsOAuthProblem_WithoutSecrets()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync();
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        OAuth1RequestTokenState state = ReadState(app, browser, outcome.CallbackUrl!);
        int at = outcome.CallbackUrl!.IndexOf("&oauth_verifier=", StringComparison.Ordinal);
        string forged = outcome.CallbackUrl[..at] + "&oauth_verifier=not-the-verifier";

        using HttpResponseMessage response = await browser.GetAsync(forged);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Fetching the access token failed", consumer.Secret, state.TokenSecret);
        Assert.Contains("oauth_problem=permission_denied", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task AccessTokenEndpoint_Answering500Html_FailsWithTheStatus()
    {
        (TestApp app, ProviderConsumer consumer) = await StartWithFakeAccessTokenEndpointAsync(() =>
            Results.Content("<html><body><h1>Internal error</h1></body></html>", "text/html", statusCode: 500));
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Fetching the access token failed", consumer.Secret);
        Assert.Contains("500", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task UserInformationEndpoint_Failing_FailsTheSignIn()
    {
        (TestApp app, ProviderConsumer consumer) = await StartAsync(o => o.UserInformationEndpoint = _provider.Url("api/no-such-resource"));
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Fetching the user information failed", consumer.Secret);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task AnAnswerWithoutUserId_AndNoUserInformation_FailsTheSignIn_NamingUserInformationEndpoint()
    {
        (TestApp app, ProviderConsumer consumer) = await StartWithFakeAccessTokenEndpointAsync(() =>
            Results.Text("oauth_token=bare-access-token&oauth_token_secret=bare-secret&screen_name=someone", "application/x-www-form-urlencoded"));
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "UserInformationEndpoint", consumer.Secret, "bare-access-token", "bare-secret");
        Assert.Contains("user_id", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task UserInformation_WithoutANameIdentifierMapping_FailsTheSignIn_NamingClaimActions()
    {
        // Garmin-like: no user_id with the token, and the user document is read but nothing maps it to NameIdentifier.
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider, TokenEndpointBehavior.WithoutUserId);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
        {
            o.UserInformationEndpoint = _provider.UserUrl;
            o.ClaimActions.MapJsonKey(System.Security.Claims.ClaimTypes.Name, "screen_name");
        })));
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        OAuth1RequestTokenState state = ReadState(app, browser, outcome.CallbackUrl!);

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        string body = await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "ClaimActions", consumer.Secret, state.TokenSecret);
        Assert.Contains("UserInformationEndpoint", body, StringComparison.Ordinal);
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task OnCreatingTicket_Fail_RefusesTheUser()
    {
        (TestApp app, _) = await StartAsync(o => o.Events.OnCreatingTicket = context =>
        {
            context.Fail("Only bob may sign in here.");
            return Task.CompletedTask;
        });
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "Only bob may sign in here.");
        await AssertSignedOutAsync(browser, app);
    }

    [Fact]
    public async Task AnExceptionInOnCreatingTicket_EndsOnTheFailurePage_NotA500()
    {
        (TestApp app, _) = await StartAsync(o => o.Events.OnCreatingTicket = async context =>
        {
            // The app's own user-information call fails.
            using HttpResponseMessage missing = await context.Session.GetAsync(_provider.Url("api/no-such-resource"));
            missing.EnsureSuccessStatusCode();
        });
        await using TestApp running = app;
        using var browser = new CookieBrowser();
        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));

        using HttpResponseMessage response = await browser.GetAsync(outcome.CallbackUrl!);
        await AssertFailurePageAsync(response, HttpStatusCode.BadRequest, "404");
        await AssertSignedOutAsync(browser, app);
    }

    // ---- The app's own failure handling ------------------------------------------------------------------------

    [Fact]
    public async Task AnAppsOnRemoteFailure_ReplacesTheDefaultPage_ForCallbacksAndChallenges()
    {
        var failures = new List<(Exception Failure, string? RedirectUri)>();
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
        {
            o.Events.OnRemoteFailure = context =>
            {
                failures.Add((context.Failure!, context.Properties?.RedirectUri));
                context.Response.Redirect("/sign-in-problem");
                context.HandleResponse();
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAuthorizationEndpoint = context =>
            {
                // Also shows that the redirect event sees the authorization URL.
                Assert.StartsWith(_provider.AuthorizeUrl, context.RedirectUri, StringComparison.Ordinal);
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        })));
        using var browser = new CookieBrowser();

        // A callback failure: no state.
        using (HttpResponseMessage response = await browser.GetAsync(app.Url("/signin-garmin?oauth_token=x&oauth_verifier=y")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/sign-in-problem", response.Headers.Location!.OriginalString);
        }

        // A challenge failure: the provider refuses the request token.
        OAuth1AuthenticationOptions live = app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("garmin");
        live.ConsumerSecret = "wrong";
        using (HttpResponseMessage response = await browser.GetAsync(app.Url("/login/garmin?returnUrl=%2Fafter")))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/sign-in-problem", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(2, failures.Count);
        Assert.IsType<OAuth1Exception>(failures[0].Failure);
        Assert.Contains("state cookie is missing", failures[0].Failure.Message, StringComparison.Ordinal);
        Assert.IsType<OAuth1ProblemException>(failures[1].Failure);
        Assert.Equal("signature_invalid", ((OAuth1ProblemException)failures[1].Failure).Problem);
        Assert.Equal("/after", failures[1].RedirectUri);
    }

    // ---- Helpers -----------------------------------------------------------------------------------------------

    private async Task<(TestApp App, ProviderConsumer Consumer)> StartAsync(Action<OAuth1AuthenticationOptions>? more = null)
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, more)));
        return (app, consumer);
    }

    /// <summary>The scheme signs in with the provider, but its access-token endpoint is a fake in the app answering <paramref name="answer"/>.</summary>
    private async Task<(TestApp App, ProviderConsumer Consumer)> StartWithFakeAccessTokenEndpointAsync(Func<IResult> answer)
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)),
            map: web => web.MapPost("/fake/access_token", answer));

        // The endpoint is only known once the app listens.
        app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("garmin").AccessTokenEndpoint = app.Url("/fake/access_token");
        return (app, consumer);
    }

    private static string RequestTokenOf(string authorizationUrl) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(authorizationUrl).Query)["oauth_token"].ToString();

    private static OAuth1RequestTokenState ReadState(TestApp app, CookieBrowser browser, string callbackUrl)
    {
        Cookie cookie = browser.FindCookie(new Uri(callbackUrl), StateCookie)!;
        return app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("garmin").StateDataFormat.Unprotect(cookie.Value)!;
    }

    /// <summary>The default failure page: the status, HTML, the message, no secret, not cached.</summary>
    private static async Task<string> AssertFailurePageAsync(HttpResponseMessage response, HttpStatusCode status, string message, params string[] secrets)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("<p id=\"oauth1-error\">", body, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(message), body, StringComparison.Ordinal);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        return body;
    }

    private static async Task AssertSignedOutAsync(CookieBrowser browser, TestApp app)
    {
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.False(me.GetProperty("authenticated").GetBoolean());
    }
}
