using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OAuth1.AspNetCore.Tests.Apis;
using OAuth1.AspNetCore.Tests.Infrastructure;
using OAuth1Gen.Provider;
using Refit;

namespace OAuth1.AspNetCore.Tests;

/// <summary>
/// After a real sign-in through the embedded provider, the library's two client kinds call the provider for the
/// signed-in user: a Refit client (OAuth1.Refit's <c>AddOAuth1</c> with the consumer credentials only, the user's
/// token from <c>AddOAuth1UserToken</c> or a token provider) and a client written by OAuth1.Generator (built with
/// <see cref="IOAuth1UserSessionFactory.CreateUserOptionsAsync"/>). Every answer comes from the provider after it has
/// verified the signature, and names the user whose token signed it.
/// </summary>
public sealed class SignedInClientTests : IClassFixture<ProviderFixture>
{
    private const string Scheme = "garmin";

    private readonly EmbeddedProvider _provider;

    public SignedInClientTests(ProviderFixture fixture)
    {
        _provider = fixture.Provider;
    }

    /// <summary>How the Refit client gets the signed-in user's token.</summary>
    public enum RefitWiring
    {
        /// <summary>The documented order: <c>AddOAuth1UserToken</c>, then <c>AddOAuth1</c> (the token is set before the signer runs).</summary>
        UserTokenThenAddOAuth1,

        /// <summary>The Refit adapter's own token provider reading <see cref="IOAuth1UserTokenAccessor"/>, registered after <c>AddOAuth1</c>.</summary>
        AddOAuth1ThenTokenProvider,

        /// <summary>The same token provider, registered before <c>AddOAuth1</c> (documented to work in either order).</summary>
        TokenProviderThenAddOAuth1,

        /// <summary><c>AddOAuth1UserToken</c> after <c>AddOAuth1</c>: its handler still goes first in the pipeline.</summary>
        AddOAuth1ThenUserToken,
    }

    [Theory]
    [InlineData(RefitWiring.UserTokenThenAddOAuth1)]
    [InlineData(RefitWiring.AddOAuth1ThenTokenProvider)]
    [InlineData(RefitWiring.TokenProviderThenAddOAuth1)]
    [InlineData(RefitWiring.AddOAuth1ThenUserToken)]
    public async Task RefitClient_ResolvedInARequest_CallsTheProviderForEachSignedInUser(RefitWiring wiring)
    {
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        await using TestApp app = await StartRefitAppAsync(consumer, wiring);
        using CookieBrowser alice = await CookieBrowser.SignInAsync(app, _provider, Scheme, DemoAccounts.UserName);
        using CookieBrowser bob = await CookieBrowser.SignInAsync(app, _provider, Scheme, DemoAccounts.SecondUserName);
        OAuth1Token aliceToken = await alice.GetSavedTokenAsync(app);
        OAuth1Token bobToken = await bob.GetSavedTokenAsync(app);
        Assert.NotEqual(aliceToken.Token, bobToken.Token);

        // Interleaved, through the same cached handler pipeline: each call carries its own request's user.
        foreach ((CookieBrowser browser, string name, string id, OAuth1Token token) in new[]
        {
            (alice, "alice", "1001", aliceToken),
            (bob, "bob", "1002", bobToken),
            (alice, "alice", "1001", aliceToken),
        })
        {
            JsonElement user = await browser.GetJsonAsync(app.Url("/refit/user"));
            Assert.Equal(name, user.GetProperty("screen_name").GetString());
            Assert.Equal(id, user.GetProperty("id").GetString());

            JsonElement echo = await browser.GetJsonAsync(app.Url("/refit/echo"));
            Assert.Equal(name, echo.GetProperty("user").GetString());
            Assert.Equal(token.Token, echo.GetProperty("oauth").GetProperty("token").GetString());
            Assert.Equal("access", echo.GetProperty("oauth").GetProperty("token_kind").GetString());
            Assert.Equal(consumer.Key, echo.GetProperty("oauth").GetProperty("consumer_key").GetString());
            Assert.True(echo.GetProperty("verification").GetProperty("valid").GetBoolean());
            Assert.Equal("POST", echo.GetProperty("method").GetString());
        }

        // A token the call carries itself ([Property(OAuth1RequestOptions.TokenKeyName)]) wins over the user's.
        JsonElement asBob = await alice.GetJsonAsync(app.Url(
            $"/refit/user-as?token={Uri.EscapeDataString(bobToken.Token)}&secret={Uri.EscapeDataString(bobToken.TokenSecret)}"));
        Assert.Equal("bob", asBob.GetProperty("screen_name").GetString());

        // Not signed in: AddOAuth1UserToken refuses to send the request (no two-legged fallback); a token provider
        // that finds no token lets it go out two-legged, and the provider refuses the user resource.
        using var anonymous = new CookieBrowser();
        (HttpStatusCode status, string body) = await anonymous.GetTextAsync(app.Url("/refit/user"));
        if (wiring is RefitWiring.UserTokenThenAddOAuth1 or RefitWiring.AddOAuth1ThenUserToken)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.StartsWith("not sent: ", body, StringComparison.Ordinal);
            Assert.Contains("no signed-in user", body, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadGateway, status);
            Assert.Equal("provider refused: 401", body);
        }
    }

    [Fact]
    public async Task GeneratedClient_WithTheUsersOptions_CallsTheProviderForEachSignedInUser()
    {
        // A signature method and placement other than the defaults, so that the answers show the generated client
        // signed with the scheme's choices, carried by the options CreateUserOptionsAsync made.
        ProviderConsumer consumer = ProviderSchemes.NewConsumer(_provider);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = _provider.BaseAddress };
        await using TestApp app = await TestApp.StartAsync(
            auth => auth.AddOAuth1(Scheme, ProviderSchemes.Configure(_provider, consumer, o =>
            {
                o.SignatureMethod = OAuth1SignatureMethod.HmacSha256;
                o.SignatureLocation = OAuth1SignatureLocation.Query;
            })),
            map: web => web.MapGet("/generated", async (HttpContext context, IOAuth1UserSessionFactory sessions) =>
            {
                OAuth1Options? options = await sessions.CreateUserOptionsAsync(context, Scheme);
                if (options is null)
                {
                    return Results.Unauthorized();
                }

                IProviderResources api = new ProviderResourcesClient(http, options);
                ApiUser user = await api.GetUserAsync(context.RequestAborted);
                ApiEcho echo = await api.EchoAsync("signed in", "Hello from @" + user.ScreenName + " & co", "en", context.RequestAborted);
                return Results.Json(new JsonObject
                {
                    ["screen_name"] = user.ScreenName,
                    ["id"] = user.Id,
                    ["echo_user"] = echo.User,
                    ["echo_token"] = echo.OAuth.Token,
                    ["echo_consumer_key"] = echo.OAuth.ConsumerKey,
                    ["echo_method"] = echo.OAuth.SignatureMethod,
                    ["echo_placement"] = echo.OAuth.Placement,
                    ["echo_raw_path"] = echo.RawPath,
                    ["echo_valid"] = echo.Verification.Valid,
                });
            }));
        using CookieBrowser alice = await CookieBrowser.SignInAsync(app, _provider, Scheme, DemoAccounts.UserName);
        using CookieBrowser bob = await CookieBrowser.SignInAsync(app, _provider, Scheme, DemoAccounts.SecondUserName);

        foreach ((CookieBrowser browser, string name, string id) in new[] { (alice, "alice", "1001"), (bob, "bob", "1002") })
        {
            OAuth1Token saved = await browser.GetSavedTokenAsync(app);
            JsonElement answer = await browser.GetJsonAsync(app.Url("/generated"));
            Assert.Equal(name, answer.GetProperty("screen_name").GetString());
            Assert.Equal(id, answer.GetProperty("id").GetString());
            Assert.Equal(name, answer.GetProperty("echo_user").GetString());
            Assert.Equal(saved.Token, answer.GetProperty("echo_token").GetString());
            Assert.Equal(consumer.Key, answer.GetProperty("echo_consumer_key").GetString());
            Assert.Equal("HMAC-SHA256", answer.GetProperty("echo_method").GetString());
            Assert.Equal("query", answer.GetProperty("echo_placement").GetString());
            Assert.Equal("/api/echo/signed%20in", answer.GetProperty("echo_raw_path").GetString());
            Assert.True(answer.GetProperty("echo_valid").GetBoolean());
        }

        using var anonymous = new CookieBrowser();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetTextAsync(app.Url("/generated"))).Status);
    }

    private Task<TestApp> StartRefitAppAsync(ProviderConsumer consumer, RefitWiring wiring) => TestApp.StartAsync(
        auth => auth.AddOAuth1(Scheme, ProviderSchemes.Configure(_provider, consumer)),
        map: MapRefitEndpoints,
        services: services =>
        {
            IHttpClientBuilder api = services.AddRefitGeneratedClient<IProviderUserApi>()
                .ConfigureHttpClient(client => client.BaseAddress = _provider.BaseAddress);

            // The consumer credentials only: the token comes with each request.
            void Credentials(OAuth1Options options)
            {
                options.ConsumerKey = consumer.Key;
                options.ConsumerSecret = consumer.Secret;
            }

            _ = wiring switch
            {
                RefitWiring.UserTokenThenAddOAuth1 => api.AddOAuth1UserToken(Scheme).AddOAuth1(Credentials),
                RefitWiring.AddOAuth1ThenTokenProvider => api.AddOAuth1(Credentials).AddOAuth1TokenProvider(CurrentUserToken),
                RefitWiring.TokenProviderThenAddOAuth1 => api.AddOAuth1TokenProvider(CurrentUserToken).AddOAuth1(Credentials),
                RefitWiring.AddOAuth1ThenUserToken => api.AddOAuth1(Credentials).AddOAuth1UserToken(Scheme),
                _ => throw new ArgumentOutOfRangeException(nameof(wiring)),
            };
        });

    private static ValueTask<OAuth1Token?> CurrentUserToken(IServiceProvider services, HttpRequestMessage request, CancellationToken cancellationToken) =>
        new(services.GetRequiredService<IOAuth1UserTokenAccessor>().GetCurrentUserTokenAsync(Scheme));

    private static void MapRefitEndpoints(WebApplication web)
    {
        // The Refit client is resolved from the request's services, as a page or controller gets it.
        web.MapGet("/refit/user", (IProviderUserApi api, HttpContext context) =>
            ProviderCallAsync(async () => ToJson(await api.GetUserAsync(context.RequestAborted))));

        web.MapGet("/refit/user-as", (IProviderUserApi api, HttpContext context, string token, string secret) =>
            ProviderCallAsync(async () => ToJson(await api.GetUserAsync(new OAuth1Token(token, secret), context.RequestAborted))));

        web.MapGet("/refit/echo", (IProviderUserApi api, HttpContext context) => ProviderCallAsync(async () =>
        {
            ApiEcho echo = await api.EchoAsync("refit", new Dictionary<string, string> { ["status"] = "Hello Ladies + Gentlemen" }, context.RequestAborted);
            return new JsonObject
            {
                ["method"] = echo.Method,
                ["user"] = echo.User,
                ["oauth"] = new JsonObject
                {
                    ["token"] = echo.OAuth.Token,
                    ["token_kind"] = echo.OAuth.TokenKind,
                    ["consumer_key"] = echo.OAuth.ConsumerKey,
                },
                ["verification"] = new JsonObject { ["valid"] = echo.Verification.Valid },
            };
        }));
    }

    private static JsonObject ToJson(ApiUser user) => new() { ["screen_name"] = user.ScreenName, ["id"] = user.Id };

    /// <summary>The answer as JSON, or 502 with the provider's status when it refused the call.</summary>
    private static async Task<IResult> ProviderCallAsync(Func<Task<JsonObject>> call)
    {
        try
        {
            return Results.Json(await call());
        }
        catch (ApiException ex)
        {
            return Results.Text($"provider refused: {(int)ex.StatusCode}", statusCode: StatusCodes.Status502BadGateway);
        }
        catch (ApiRequestException ex) when (ex.InnerException is InvalidOperationException refused)
        {
            // Refit wraps what the pipeline throws before any answer (AddOAuth1UserToken's refusal).
            return Results.Text("not sent: " + refused.Message, statusCode: StatusCodes.Status401Unauthorized);
        }
    }
}
