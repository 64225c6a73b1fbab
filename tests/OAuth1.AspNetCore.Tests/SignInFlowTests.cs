using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OAuth1.AspNetCore.Tests.Infrastructure;
using OAuth1Gen.Provider;

namespace OAuth1.AspNetCore.Tests;

/// <summary>The handler's happy paths, without a browser, against the embedded provider on loopback.</summary>
public sealed class SignInFlowTests : IClassFixture<ProviderFixture>
{
    private readonly EmbeddedProvider _provider;

    public SignInFlowTests(ProviderFixture fixture)
    {
        _provider = fixture.Provider;
    }

    [Fact]
    public async Task Approve_SignsTheUserIn_WithClaimsFromTheAnswer_AndSavesTheTokens()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)));
        using var browser = new CookieBrowser();

        string authorize = await browser.StartSignInAsync(app, "garmin", "/whoami?from=test");
        Assert.StartsWith(_provider.AuthorizeUrl + "?oauth_token=", authorize, StringComparison.Ordinal);
        AuthorizationOutcome outcome = await _provider.ApproveAsync(authorize, DemoAccounts.SecondUserName);

        // The provider sends the browser back to the absolute callback URL given as oauth_callback.
        Assert.StartsWith(app.Url("/signin-garmin") + "?oauth_token=", outcome.CallbackUrl, StringComparison.Ordinal);
        using HttpResponseMessage callback = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/whoami?from=test", callback.Headers.Location!.OriginalString);

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.True(me.GetProperty("authenticated").GetBoolean());
        Assert.Equal("garmin", me.GetProperty("scheme").GetString());
        Assert.Equal("garmin", me.GetProperty("authenticationType").GetString());
        JsonElement claims = me.GetProperty("claims");
        Assert.Equal("1002", claims.GetProperty(ClaimTypes.NameIdentifier).GetString());
        Assert.Equal("bob", claims.GetProperty(ClaimTypes.Name).GetString());

        JsonElement tokens = me.GetProperty("tokens");
        string token = tokens.GetProperty("access_token").GetString()!;
        string secret = tokens.GetProperty("access_token_secret").GetString()!;
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("oauth_session_handle").GetString()));

        // The saved token is the provider's access token for bob.
        using var session = new OAuth1Session(consumer.Key, consumer.Secret, token, secret);
        JsonElement user = JsonDocument.Parse(await session.GetStringAsync(_provider.UserUrl)).RootElement;
        Assert.Equal("bob", user.GetProperty("screen_name").GetString());

        // The state cookie was deleted by the callback.
        Assert.Null(browser.FindCookie(new Uri(app.Url("/signin-garmin")), ".AspNetCore.OAuth1.garmin"));
    }

    [Fact]
    public async Task Challenge_KeepsTheRequestTokenAndReturnUrl_OnlyInAProtectedCookieScopedToTheCallback()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        using HttpResponseMessage challenge = await http.GetAsync(app.Url("/login/garmin?returnUrl=%2Fsomewhere%3Fx%3D1"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Uri location = challenge.Headers.Location!;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(["oauth_token"], query.Keys);
        string requestToken = query["oauth_token"].ToString();

        string setCookie = Assert.Single(challenge.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.OAuth1.garmin=", setCookie, StringComparison.Ordinal);
        string lower = setCookie.ToLowerInvariant();
        Assert.Contains("path=/signin-garmin", lower, StringComparison.Ordinal);
        Assert.Contains("httponly", lower, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", lower, StringComparison.Ordinal);
        Assert.Contains("expires=", lower, StringComparison.Ordinal);

        // This app runs on plain http and opts out of the Secure default (see TestApp).
        Assert.DoesNotContain("secure", lower, StringComparison.Ordinal);

        string value = setCookie[(setCookie.IndexOf('=', StringComparison.Ordinal) + 1)..setCookie.IndexOf(';', StringComparison.Ordinal)];
        OAuth1AuthenticationOptions options = app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("garmin");
        OAuth1RequestTokenState state = options.StateDataFormat.Unprotect(value)!;
        Assert.NotNull(state);
        Assert.Equal(requestToken, state.Token);
        Assert.Equal("/somewhere?x=1", state.Properties.RedirectUri);
        Assert.False(string.IsNullOrEmpty(state.TokenSecret));

        // Encrypted: neither the token nor its secret can be read from the cookie or the redirect.
        Assert.DoesNotContain(requestToken, value, StringComparison.Ordinal);
        Assert.DoesNotContain(state.TokenSecret, value, StringComparison.Ordinal);
        Assert.DoesNotContain(state.TokenSecret, location.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(state.TokenSecret, state.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheStateCookie_IsSecureByDefault_AndTheSignInCompletesOverHttps()
    {
        Assert.Equal(CookieSecurePolicy.Always, new OAuth1AuthenticationOptions().StateCookie.SecurePolicy);

        using X509Certificate2 certificate = LoopbackCertificate.Create();
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer)),
            httpsCertificate: certificate);
        Assert.Equal(Uri.UriSchemeHttps, app.BaseAddress.Scheme);
        using var browser = new CookieBrowser(certificate);

        using HttpResponseMessage challenge = await browser.GetAsync(app.Url("/login/garmin?returnUrl=%2Fwhoami"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        string setCookie = Assert.Single(challenge.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(".AspNetCore.OAuth1.garmin=", setCookie, StringComparison.Ordinal);
        Assert.Contains("; secure", setCookie.ToLowerInvariant(), StringComparison.Ordinal);

        AuthorizationOutcome outcome = await _provider.ApproveAsync(challenge.Headers.Location!.AbsoluteUri, DemoAccounts.SecondUserName);
        Assert.StartsWith(app.Url("/signin-garmin") + "?oauth_token=", outcome.CallbackUrl, StringComparison.Ordinal);
        using HttpResponseMessage callback = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("1002", me.GetProperty("claims").GetProperty(ClaimTypes.NameIdentifier).GetString());
    }

    [Theory]
    [InlineData("HMAC-SHA256", OAuth1SignatureLocation.Query)]
    [InlineData("HMAC-SHA512", OAuth1SignatureLocation.Body)]
    [InlineData("HMAC-SHA1", OAuth1SignatureLocation.Header)]
    public async Task SignIn_Works_WithEachHmacMethodAndEachPlacement(string method, OAuth1SignatureLocation location)
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("p", ProviderSchemes.Configure(_provider, consumer, o =>
        {
            o.SignatureMethod = OAuth1SignatureMethod.FromName(method);
            o.SignatureLocation = location;
        })));
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "p"));
        using HttpResponseMessage callback = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("alice", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
    }

    [Fact]
    public async Task SignIn_Works_WithRsaSha1_AndTheUsersSessionSignsWithTheSameKey()
    {
        // The provider knows only the public key; the scheme signs with the private key and has no shared secret.
        using RSA rsa = RSA.Create(2048);
        string id = Guid.NewGuid().ToString("N")[..12];
        ProviderConsumer consumer = _provider.AddConsumer(new ProviderConsumer("rsa-" + id, string.Empty, RSA.Create(rsa.ExportParameters(false))));
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("rsa", ProviderSchemes.Configure(_provider, consumer, o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha1(rsa))),
            map: MapSessionEcho("rsa"));

        using CookieBrowser browser = await CookieBrowser.SignInAsync(app, _provider, "rsa", DemoAccounts.SecondUserName);

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("rsa", me.GetProperty("scheme").GetString());
        Assert.Equal("bob", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
        JsonElement echo = await browser.GetJsonAsync(app.Url("/session-echo"));
        Assert.Equal("bob", echo.GetProperty("user").GetString());
        Assert.Equal("RSA-SHA1", echo.GetProperty("oauth").GetProperty("signature_method").GetString());
        Assert.Equal(consumer.Key, echo.GetProperty("oauth").GetProperty("consumer_key").GetString());
        Assert.True(echo.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task SignIn_Works_WithPlaintext_WhenBothSidesAllowItOverHttp()
    {
        // PLAINTEXT sends the secrets themselves; on this http loopback both the provider and the scheme must allow it.
        ProviderSettings settings = ProviderSettings.CreateDemo();
        settings.AllowPlaintextOverHttp = true;
        await using EmbeddedProvider plaintextProvider = await EmbeddedProvider.StartAsync(settings);
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(plaintextProvider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("plain", ProviderSchemes.Configure(plaintextProvider, consumer, o =>
            {
                o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
                o.ConfigureSigningOptions = signing => signing.AllowPlaintextOverHttp = true;
            })),
            map: MapSessionEcho("plain", plaintextProvider));

        using CookieBrowser browser = await CookieBrowser.SignInAsync(app, plaintextProvider, "plain", DemoAccounts.UserName);

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("alice", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
        JsonElement echo = await browser.GetJsonAsync(app.Url("/session-echo"));
        Assert.Equal("alice", echo.GetProperty("user").GetString());
        Assert.Equal("PLAINTEXT", echo.GetProperty("oauth").GetProperty("signature_method").GetString());
        Assert.True(echo.GetProperty("verification").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task SignIn_WithPlaintext_FailsCleanly_WhenTheProviderRefusesItOverHttp()
    {
        // The fixture's provider keeps PLAINTEXT over http off: the request-token call is refused (400), and the
        // challenge ends on the default failure page naming the provider's problem.
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("plain", ProviderSchemes.Configure(_provider, consumer, o =>
        {
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
            o.ConfigureSigningOptions = signing => signing.AllowPlaintextOverHttp = true;
        })));
        using var browser = new CookieBrowser();

        (HttpStatusCode status, string body) = await browser.GetTextAsync(app.Url("/login/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("id=\"oauth1-error\"", body, StringComparison.Ordinal);
        Assert.Contains("request token", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(consumer.Secret, body, StringComparison.Ordinal);
        Assert.Null(browser.FindCookie(new Uri(app.Url("/signin-plain")), ".AspNetCore.OAuth1.plain"));
    }

    [Fact]
    public async Task RequestTokenCall_CarriesTheCallback_Realm_ExtraParameters_AndSigningChoices()
    {
        var seen = new TaskCompletionSource<(string Authorization, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("photos", options =>
            {
                options.ConsumerKey = "photos-key";
                options.ConsumerSecret = "photos-secret";
                options.RequestTokenEndpoint = "http://127.0.0.1:1/placeholder";
                options.AuthorizationEndpoint = "https://photos.example/authorize?app=1";
                options.AccessTokenEndpoint = "https://photos.example/access_token";
                options.SignatureMethod = OAuth1SignatureMethod.HmacSha256;
                options.Realm = "Photos";
                options.RequestTokenParameters["x_auth_access_type"] = "read";
                options.AuthorizationParameters["force_login"] = "true";
                options.ConfigureSigningOptions = signing => signing.IncludeVersion = false;
            }),
            map: web => web.MapPost("/fake/request_token", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                seen.TrySetResult((context.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
                return Results.Text("oauth_token=rt-1&oauth_token_secret=rs-1&oauth_callback_confirmed=true", "application/x-www-form-urlencoded");
            }));

        // The endpoint is only known once the app listens.
        OAuth1AuthenticationOptions live = app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("photos");
        live.RequestTokenEndpoint = app.Url("/fake/request_token");
        using var browser = new CookieBrowser();

        string authorize = await browser.StartSignInAsync(app, "photos");
        Assert.Equal("https://photos.example/authorize?app=1&oauth_token=rt-1&force_login=true", authorize);
        (string authorization, string body) = await seen.Task;
        Assert.StartsWith("OAuth realm=\"Photos\"", authorization, StringComparison.Ordinal);
        Assert.Contains("oauth_signature_method=\"HMAC-SHA256\"", authorization, StringComparison.Ordinal);
        Assert.Contains($"oauth_callback=\"{OAuth1PercentEncoding.Encode(app.Url("/signin-photos"))}\"", authorization, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth_version", authorization, StringComparison.Ordinal);
        Assert.Equal("x_auth_access_type=read", body);
    }

    [Fact]
    public async Task SaveTokensOff_KeepsTheTokensOutOfTheTicket()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o => o.SaveTokens = false)),
            map: web => web.MapGet("/has-token", async (HttpContext context, IOAuth1UserTokenAccessor tokens) =>
                Results.Text(await tokens.GetUserTokenAsync(context) is null ? "none" : "some")));
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        (await browser.GetAsync(outcome.CallbackUrl!)).Dispose();
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.True(me.GetProperty("authenticated").GetBoolean());
        Assert.Empty(me.GetProperty("tokens").EnumerateObject());
        Assert.Equal("none", (await browser.GetTextAsync(app.Url("/has-token"))).Body);
    }

    [Fact]
    public async Task OnCreatingTicket_GetsTheAccessToken_AndASessionForTheUser_ToAddClaims()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        string? seenUserId = null;
        string? seenScreenName = null;
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
            o.Events.OnCreatingTicket = async context =>
            {
                seenUserId = context.UserId;
                seenScreenName = context.AccessToken["screen_name"];
                Assert.Equal(context.AccessToken.Token, context.Session.Token!.Token);
                string json = await context.Session.GetStringAsync(_provider.UserUrl);
                string name = JsonDocument.Parse(json).RootElement.GetProperty("name").GetString()!;
                context.Identity!.AddClaim(new Claim("display_name", name));
            })));
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"));
        (await browser.GetAsync(outcome.CallbackUrl!)).Dispose();

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("Alice Liddell", me.GetProperty("claims").GetProperty("display_name").GetString());
        Assert.Equal("1001", seenUserId);
        Assert.Equal("alice", seenScreenName);
    }

    [Fact]
    public async Task UserInformationEndpoint_IsFetchedWithTheUsersToken_AndClaimActionsRun()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        JsonValueKind seenKind = JsonValueKind.Undefined;
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
        {
            o.UserInformationEndpoint = _provider.UserUrl;
            o.ClaimActions.Add(new Microsoft.AspNetCore.Authentication.OAuth.Claims.JsonKeyClaimAction("urn:test:display_name", ClaimValueTypes.String, "name"));
            o.Events.OnCreatingTicket = context =>
            {
                seenKind = context.User.ValueKind;
                return Task.CompletedTask;
            };
        })));
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "garmin"), DemoAccounts.SecondUserName);
        (await browser.GetAsync(outcome.CallbackUrl!)).Dispose();

        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("Bob", me.GetProperty("claims").GetProperty("urn:test:display_name").GetString());
        Assert.Equal(JsonValueKind.Object, seenKind);
    }

    [Theory]
    [InlineData("userid=u-2", "u-2")]
    [InlineData("xoauth_yahoo_guid=YAHOO3", "YAHOO3")]
    [InlineData("encoded_user_id=ENC4", "ENC4")]
    [InlineData("encoded_user_id=ENC&xoauth_yahoo_guid=YAHOO&userid=u&user_id=1", "1")]
    [InlineData("encoded_user_id=ENC&xoauth_yahoo_guid=YAHOO&userid=u", "u")]
    [InlineData("encoded_user_id=ENC&xoauth_yahoo_guid=YAHOO", "YAHOO")]
    public async Task TheUserId_IsTakenFromTheNamesProvidersUse_InOrder_NeverFromTheToken(string fields, string expected)
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("named", ProviderSchemes.Configure(_provider, consumer)),
            map: web =>
            {
                web.MapPost("/fake/access_token", () =>
                    Results.Text("oauth_token=named-access-token&oauth_token_secret=named-secret&" + fields, "application/x-www-form-urlencoded"));
                MapNameIdentifiers(web);
            });
        app.Services.GetRequiredService<IOptionsMonitor<OAuth1AuthenticationOptions>>().Get("named").AccessTokenEndpoint = app.Url("/fake/access_token");
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "named"));
        using HttpResponseMessage callback = await browser.GetAsync(outcome.CallbackUrl!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);

        Assert.Equal(expected, (await browser.GetTextAsync(app.Url("/name-identifiers"))).Body);
        JsonElement claims = (await browser.GetJsonAsync(app.Url("/whoami"))).GetProperty("claims");
        Assert.False(claims.TryGetProperty(ClaimTypes.Name, out _));
    }

    [Fact]
    public async Task WithoutAUserIdInTheAnswer_TheUserInformationEndpoint_GivesTheNameIdentifier_ThroughClaimActions()
    {
        // As Garmin: the access token comes without user_id; the user-information resource names the user.
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider, TokenEndpointBehavior.WithoutUserId);
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1("garmin", ProviderSchemes.Configure(_provider, consumer, o =>
            {
                o.UserInformationEndpoint = _provider.UserUrl;
                o.ClaimActions.MapJsonKey(ClaimTypes.NameIdentifier, "id");
                o.ClaimActions.MapJsonKey(ClaimTypes.Name, "screen_name");
            })),
            map: MapNameIdentifiers);

        using CookieBrowser browser = await CookieBrowser.SignInAsync(app, _provider, "garmin", DemoAccounts.SecondUserName);

        // One NameIdentifier, the provider's user id: the access token is in no claim.
        Assert.Equal("1002", (await browser.GetTextAsync(app.Url("/name-identifiers"))).Body);
        JsonElement me = await browser.GetJsonAsync(app.Url("/whoami"));
        Assert.Equal("bob", me.GetProperty("claims").GetProperty(ClaimTypes.Name).GetString());
        string accessToken = me.GetProperty("tokens").GetProperty("access_token").GetString()!;
        foreach (JsonProperty claim in me.GetProperty("claims").EnumerateObject())
        {
            Assert.DoesNotContain(accessToken, claim.Value.GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignIn_WithAnOAuth10Provider_WorksWhenRequireOAuth10aIsOff()
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider, TokenEndpointBehavior.CallbackNotConfirmed);
        await using TestApp app = await TestApp.StartAsync(auth => auth.AddOAuth1("old", ProviderSchemes.Configure(_provider, consumer, o => o.RequireOAuth10a = false)));
        using var browser = new CookieBrowser();

        AuthorizationOutcome outcome = await _provider.ApproveAsync(await browser.StartSignInAsync(app, "old"));
        (await browser.GetAsync(outcome.CallbackUrl!)).Dispose();
        Assert.True((await browser.GetJsonAsync(app.Url("/whoami"))).GetProperty("authenticated").GetBoolean());
    }

    [Fact]
    public async Task TheStateSerializer_RoundTrips_AndRejectsGarbage()
    {
        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/back" };
        properties.Items["k"] = "v";
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        byte[] bytes = OAuth1RequestTokenStateSerializer.Default.Serialize(new OAuth1RequestTokenState("rt", "rs", properties, expires));

        OAuth1RequestTokenState back = OAuth1RequestTokenStateSerializer.Default.Deserialize(bytes)!;
        Assert.Equal("rt", back.Token);
        Assert.Equal("rs", back.TokenSecret);
        Assert.Equal(expires, back.ExpiresUtc);
        Assert.Equal("/back", back.Properties.RedirectUri);
        Assert.Equal("v", back.Properties.Items["k"]);

        Assert.Null(OAuth1RequestTokenStateSerializer.Default.Deserialize(bytes[..(bytes.Length / 2)]));
        Assert.Null(OAuth1RequestTokenStateSerializer.Default.Deserialize(Encoding.UTF8.GetBytes("not a state")));
        Assert.Null(OAuth1RequestTokenStateSerializer.Default.Deserialize([]));
    }

    /// <summary><c>/name-identifiers</c>: every NameIdentifier claim of the signed-in user, comma-separated.</summary>
    private static void MapNameIdentifiers(WebApplication web) =>
        web.MapGet("/name-identifiers", (HttpContext context) =>
            Results.Text(string.Join(",", context.User.FindAll(ClaimTypes.NameIdentifier).Select(claim => claim.Value))));

    /// <summary>
    /// <c>/session-echo</c>: the signed-in user's <see cref="OAuth1Session"/> from <see cref="IOAuth1UserSessionFactory"/>
    /// posts to the provider's echo resource, which answers (after verifying the signature) what it received.
    /// </summary>
    private Action<WebApplication> MapSessionEcho(string scheme, EmbeddedProvider? provider = null) => web =>
        web.MapGet("/session-echo", async (HttpContext context, IOAuth1UserSessionFactory sessions) =>
        {
            using OAuth1Session? session = await sessions.CreateUserSessionAsync(context, scheme);
            if (session is null)
            {
                return Results.Unauthorized();
            }

            using var form = new FormUrlEncodedContent([new("status", "signed in")]);
            using HttpResponseMessage response = await session.PostAsync((provider ?? _provider).EchoUrl, form);
            return Results.Text(await response.Content.ReadAsStringAsync(), "application/json", statusCode: (int)response.StatusCode);
        });
}
