using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>The three steps against the embedded provider over loopback, then protected calls.</summary>
public sealed class FlowTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public FlowTests(ProviderFixture fixture) => _fixture = fixture;

    private EmbeddedProvider Provider => _fixture.Provider;

    public static TheoryData<string, OAuth1SignatureLocation> MethodsAndPlacements()
    {
        var data = new TheoryData<string, OAuth1SignatureLocation>();
        foreach (string method in new[] { "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT" })
        {
            foreach (OAuth1SignatureLocation placement in Enum.GetValues<OAuth1SignatureLocation>())
            {
                data.Add(method, placement);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndPlacements))]
    public async Task ThreeStepFlow_ThenProtectedCalls_ForEverySignatureMethodAndPlacement(string methodName, OAuth1SignatureLocation placement)
    {
        bool rsa = methodName.StartsWith("RSA", StringComparison.Ordinal);
        OAuth1SignatureMethod method = methodName switch
        {
            "HMAC-SHA1" => OAuth1SignatureMethod.HmacSha1,
            "HMAC-SHA256" => OAuth1SignatureMethod.HmacSha256,
            "HMAC-SHA512" => OAuth1SignatureMethod.HmacSha512,
            "RSA-SHA1" => OAuth1SignatureMethod.RsaSha1(_fixture.RsaKey),
            "RSA-SHA256" => OAuth1SignatureMethod.RsaSha256(_fixture.RsaKey),
            "RSA-SHA512" => OAuth1SignatureMethod.RsaSha512(_fixture.RsaKey),
            _ => OAuth1SignatureMethod.Plaintext,
        };
        using var session = new OAuth1Session(new OAuth1Options
        {
            ConsumerKey = rsa ? ProviderFixture.RsaConsumerKey : DemoAccounts.ConsumerKey,
            ConsumerSecret = rsa ? string.Empty : DemoAccounts.ConsumerSecret,
            SignatureMethod = method,
            SignatureLocation = placement,
            AllowPlaintextOverHttp = true,
            AllowPlaintextInQuery = true,
        });

        OAuth1Token access = await _fixture.RunFlowAsync(session, DemoAccounts.SecondUserName);

        Assert.Equal("1002", access["user_id"]);
        Assert.Equal(DemoAccounts.SecondUserName, access["screen_name"]);
        Assert.Same(access, session.Token);
        Assert.Null(session.Verifier);

        JsonElement user = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.UserUrl));
        Assert.Equal(DemoAccounts.SecondUserName, ProviderFixture.Str(user, "screen_name"));

        // A form POST with a query that needs encoding, signed in the chosen placement.
        var form = new FormUrlEncodedContent([new("status", "Hello, ünïcode & friends"), new("tag", "a+b c")]);
        JsonElement echo = await ProviderFixture.JsonAsync(await session.PostAsync(Provider.EchoUrl + "?q=%7Etilde%20space&empty=", form));
        JsonElement oauth = echo.GetProperty("oauth");
        Assert.Equal(placement.ToString().ToLowerInvariant(), ProviderFixture.Str(oauth, "placement"));
        Assert.Equal(methodName, ProviderFixture.Str(oauth, "signature_method"));
        Assert.Equal(access.Token, ProviderFixture.Str(oauth, "token"));
        Assert.Null(ProviderFixture.Str(oauth, "callback"));
        Assert.Null(ProviderFixture.Str(oauth, "verifier"));
        Assert.True(echo.GetProperty("verification").GetProperty("valid").GetBoolean());
        Assert.Equal(DemoAccounts.SecondUserName, ProviderFixture.Str(echo, "user"));
        Assert.Equal("~tilde space", ProviderFixture.Pair(echo.GetProperty("query"), "q"));
        Assert.Equal("Hello, ünïcode & friends", ProviderFixture.Pair(echo.GetProperty("form"), "status"));
        Assert.Equal("a+b c", ProviderFixture.Pair(echo.GetProperty("form"), "tag"));
    }

    [Fact]
    public async Task SavedAccessToken_RoundTripsThroughADictionary_AndANewSessionCallsTheApi()
    {
        string saved;
        using (OAuth1Session first = _fixture.DemoSession())
        {
            OAuth1Token access = await _fixture.RunFlowAsync(first);
            saved = JsonSerializer.Serialize(access.ToDictionary());
        }

        Dictionary<string, string> stored = JsonSerializer.Deserialize<Dictionary<string, string>>(saved)!;
        Assert.Equal("1001", stored["user_id"]);
        Assert.True(stored.ContainsKey("oauth_token_secret"));
        OAuth1Token restored = OAuth1Token.FromDictionary(stored);
        Assert.Equal(DemoAccounts.UserName, restored["screen_name"]);

        // As in the guide: a new session from the two saved strings.
        using var byStrings = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret, stored["oauth_token"], stored["oauth_token_secret"]);
        JsonElement user = await ProviderFixture.JsonAsync(await byStrings.GetAsync(Provider.UserUrl));
        Assert.Equal("1001", ProviderFixture.Str(user, "id"));

        // Or with the whole token through the Token property, which keeps the other fields.
        using OAuth1Session byToken = _fixture.DemoSession();
        byToken.Token = restored;
        Assert.Equal("1001", byToken.Token!["user_id"]);
        JsonElement timeline = await ProviderFixture.JsonAsync(await byToken.GetAsync(Provider.TimelineUrl + "?page=5&count=5"));
        Assert.Equal(3, timeline.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, timeline.GetProperty("next_page").ValueKind);
    }

    [Fact]
    public async Task SavedToken_WithAWrongSecret_IsRefused()
    {
        using OAuth1Session first = _fixture.DemoSession();
        OAuth1Token access = await _fixture.RunFlowAsync(first);
        using var forged = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret, access.Token, "not-the-secret");

        using HttpResponseMessage response = await forged.GetAsync(Provider.UserUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("oauth_problem=signature_invalid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PinFlow_SendsOob_ShowsAPin_AndANewSessionExchangesIt()
    {
        using OAuth1Session session = _fixture.DemoSession();
        Assert.Equal("oob", session.RedirectUri);
        OAuth1Token requestToken = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);

        AuthorizationOutcome outcome = await Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl));

        Assert.Null(outcome.CallbackUrl);
        Assert.Matches("^[0-9]{7}$", outcome.Pin);

        // The guide's "new session" path: the saved request token and the verifier, no ParseAuthorizationResponse.
        using var later = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret, requestToken.Token, requestToken.TokenSecret);
        OAuth1Token access = await later.FetchAccessTokenAsync(Provider.AccessTokenUrl, outcome.Pin);
        Assert.Equal(DemoAccounts.UserName, access["screen_name"]);
        JsonElement user = await ProviderFixture.JsonAsync(await later.GetAsync(Provider.UserUrl));
        Assert.Equal(DemoAccounts.UserName, ProviderFixture.Str(user, "screen_name"));
    }

    [Fact]
    public async Task AccessTokenStep_WithAWrongPin_IsRefused_AndTheRequestTokenIsUsedUp()
    {
        using OAuth1Session session = _fixture.DemoSession();
        await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        AuthorizationOutcome outcome = await Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl));
        string wrong = outcome.Pin == "0000000" ? "1111111" : "0000000";

        var refused = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(Provider.AccessTokenUrl, wrong));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("permission_denied", refused.Problem);

        var again = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(Provider.AccessTokenUrl, outcome.Pin));
        Assert.Equal("token_rejected", again.Problem);
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Header)]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task XAuth_ExchangesNameAndPasswordForAnAccessToken(OAuth1SignatureLocation placement)
    {
        using OAuth1Session session = _fixture.DemoSession(placement: placement);

        OAuth1Token access = await session.FetchAccessTokenWithXAuthAsync(Provider.AccessTokenUrl, DemoAccounts.SecondUserName, DemoAccounts.SecondPassword);

        Assert.Equal("1002", access["user_id"]);
        JsonElement user = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.UserUrl));
        Assert.Equal(DemoAccounts.SecondUserName, ProviderFixture.Str(user, "screen_name"));
    }

    [Fact]
    public async Task XAuth_WithAWrongPassword_IsRefused_WithoutThePasswordInTheMessage()
    {
        using OAuth1Session session = _fixture.DemoSession();
        const string password = "wrong-password-1234";

        var refused = await Assert.ThrowsAsync<OAuth1ProblemException>(
            () => session.FetchAccessTokenWithXAuthAsync(Provider.AccessTokenUrl, DemoAccounts.UserName, password));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("permission_denied", refused.Problem);
        Assert.DoesNotContain(password, refused.Message);
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, refused.Message);
        Assert.Null(session.Token);
    }

    [Fact]
    public async Task XAuth_ForAClientWithoutPermission_IsRefused()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(allowXAuth: false);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        var refused = await Assert.ThrowsAsync<OAuth1ProblemException>(
            () => session.FetchAccessTokenWithXAuthAsync(Provider.AccessTokenUrl, DemoAccounts.UserName, DemoAccounts.Password));

        Assert.Equal("permission_denied", refused.Problem);
        Assert.Contains("xAuth", refused.ProblemAdvice);
    }

    [Fact]
    public async Task DeniedAuthorization_RaisesTheDeniedException_WithTheRequestToken()
    {
        using OAuth1Session session = _fixture.DemoSession();
        session.RedirectUri = ProviderFixture.Callback;
        OAuth1Token requestToken = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);

        AuthorizationOutcome outcome = await Provider.DenyAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl));

        Assert.Contains("denied=", outcome.CallbackUrl);
        var denied = Assert.Throws<OAuth1AuthorizationDeniedException>(() => session.ParseAuthorizationResponse(outcome.CallbackUrl!));
        Assert.Equal("denied", denied.Error);
        Assert.Equal(requestToken.Token, denied.DeniedToken);
        Assert.Null(session.Verifier);

        // The provider dropped the request token: its page no longer opens.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl)));
    }

    [Fact]
    public async Task ForgedCallbackToken_IsRejected_AndTheRealCallbackStillWorks()
    {
        using OAuth1Session session = _fixture.DemoSession();
        using OAuth1Session attacker = _fixture.DemoSession();
        session.RedirectUri = attacker.RedirectUri = ProviderFixture.Callback;
        OAuth1Token mine = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        await attacker.FetchRequestTokenAsync(Provider.RequestTokenUrl);

        // The attacker approves its own request token and sends the victim its callback (login CSRF).
        AuthorizationOutcome attackersCallback = await Provider.ApproveAsync(attacker.CreateAuthorizationUrl(Provider.AuthorizeUrl));
        var mismatch = Assert.Throws<OAuth1CallbackMismatchException>(() => session.ParseAuthorizationResponse(attackersCallback.CallbackUrl!));
        Assert.Equal(mine.Token, mismatch.ExpectedToken);
        Assert.Equal(attacker.Token!.Token, mismatch.ReceivedToken);
        Assert.Null(session.Verifier);

        AuthorizationOutcome real = await Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl));
        session.ParseAuthorizationResponse(real.CallbackUrl!);
        OAuth1Token access = await session.FetchAccessTokenAsync(Provider.AccessTokenUrl);
        Assert.Equal("1001", access["user_id"]);
    }

    [Fact]
    public async Task AuthorizationForm_WithoutItsFormToken_IsRefused()
    {
        using OAuth1Session session = _fixture.DemoSession();
        OAuth1Token requestToken = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        using HttpResponseMessage response = await browser.PostAsync(
            Provider.AuthorizeUrl,
            new FormUrlEncodedContent([new("oauth_token", requestToken.Token), new("decision", "approve"), new("form_token", "guess")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Callback_IsSentOnTheRequestTokenCallOnly_EvenWhileThatCallIsInFlight()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.Hold);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        session.RedirectUri = ProviderFixture.Callback;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        Task<OAuth1Token> fetching = session.FetchRequestTokenAsync(Provider.RequestTokenUrl, cancellationToken: timeout.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        JsonElement during = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.EchoUrl, timeout.Token));
        consumer.Gate.ReleaseAll();
        OAuth1Token requestToken = await fetching;

        Assert.True(requestToken.CallbackConfirmed);
        Assert.Null(ProviderFixture.Str(during.GetProperty("oauth"), "callback"));
        Assert.Null(ProviderFixture.Str(during.GetProperty("oauth"), "token"));
        Assert.Equal(ProviderFixture.Callback, session.RedirectUri);
        Assert.Null(session.Options.Callback);

        // After the call the session signs with the request token, still without the callback.
        JsonElement after = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.EchoUrl, timeout.Token));
        Assert.Equal(requestToken.Token, ProviderFixture.Str(after.GetProperty("oauth"), "token"));
        Assert.Equal("request", ProviderFixture.Str(after.GetProperty("oauth"), "token_kind"));
        Assert.Null(ProviderFixture.Str(after.GetProperty("oauth"), "callback"));
    }

    [Fact]
    public async Task Verifier_IsSentOnTheAccessTokenCallOnly_EvenWhileThatCallIsInFlight()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.Hold);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);
        session.RedirectUri = ProviderFixture.Callback;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task<OAuth1Token> first = session.FetchRequestTokenAsync(Provider.RequestTokenUrl, cancellationToken: timeout.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        consumer.Gate.ReleaseAll();
        OAuth1Token requestToken = await first;
        AuthorizationOutcome outcome = await Provider.ApproveAsync(session.CreateAuthorizationUrl(Provider.AuthorizeUrl), cancellationToken: timeout.Token);
        session.ParseAuthorizationResponse(outcome.CallbackUrl!);
        Assert.NotNull(session.Verifier);

        Task<OAuth1Token> exchanging = session.FetchAccessTokenAsync(Provider.AccessTokenUrl, cancellationToken: timeout.Token);
        await consumer.Gate.WaitForHeldRequestAsync(timeout.Token);
        JsonElement during = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.EchoUrl, timeout.Token));
        consumer.Gate.ReleaseAll();
        OAuth1Token access = await exchanging;

        Assert.Null(ProviderFixture.Str(during.GetProperty("oauth"), "verifier"));
        Assert.Equal(requestToken.Token, ProviderFixture.Str(during.GetProperty("oauth"), "token"));
        Assert.Null(session.Verifier);
        JsonElement after = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.EchoUrl, timeout.Token));
        Assert.Equal(access.Token, ProviderFixture.Str(after.GetProperty("oauth"), "token"));
        Assert.Equal("access", ProviderFixture.Str(after.GetProperty("oauth"), "token_kind"));
    }

    [Fact]
    public async Task TwoLeggedRequests_WithTheConsumerOnly_AreVerified()
    {
        using OAuth1Session session = _fixture.DemoSession();

        JsonElement echo = await ProviderFixture.JsonAsync(await session.PutAsync(
            Provider.EchoUrl + "/items/a%2Fb?x=1",
            new StringContent("{\"n\":1}", Encoding.UTF8, "application/json")));

        Assert.Null(ProviderFixture.Str(echo.GetProperty("oauth"), "token"));
        Assert.Equal("/api/echo/items/a%2Fb", ProviderFixture.Str(echo, "raw_path"));
        Assert.Equal("{\"n\":1}", ProviderFixture.Str(echo, "body"));

        using HttpResponseMessage user = await session.GetAsync(Provider.UserUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, user.StatusCode);
        Assert.Contains("parameter_absent", await user.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestToken_IsNotAnAccessToken()
    {
        using OAuth1Session session = _fixture.DemoSession();
        await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);

        using HttpResponseMessage response = await session.GetAsync(Provider.UserUrl);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("oauth_problem=token_rejected", await response.Content.ReadAsStringAsync());
        Assert.Contains("token_rejected", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task IssuedAccessToken_WorksWithoutTheFlow()
    {
        OAuth1Token token = Provider.IssueAccessToken(DemoAccounts.ConsumerKey, DemoAccounts.SecondUserName);
        using var session = new OAuth1Session(DemoAccounts.ConsumerKey, DemoAccounts.ConsumerSecret, token.Token, token.TokenSecret);

        JsonElement user = await ProviderFixture.JsonAsync(await session.GetAsync(Provider.UserUrl));

        Assert.Equal(DemoAccounts.SecondUserName, ProviderFixture.Str(user, "screen_name"));
    }

    [Fact]
    public async Task BodyHash_OfAJsonBody_IsSentAndChecked()
    {
        OAuth1Token token = Provider.IssueAccessToken(DemoAccounts.ConsumerKey);
        var options = new OAuth1Options
        {
            ConsumerKey = DemoAccounts.ConsumerKey,
            ConsumerSecret = DemoAccounts.ConsumerSecret,
            TokenCredentials = token,
            IncludeBodyHash = true,
        };
        using var session = new OAuth1Session(options);
        byte[] body = Encoding.UTF8.GetBytes("{\"text\":\"hi\"}");

        JsonElement echo = await ProviderFixture.JsonAsync(await session.PostAsync(Provider.EchoUrl, new StringContent("{\"text\":\"hi\"}", Encoding.UTF8, "application/json")));

        Assert.Equal(Convert.ToBase64String(SHA1.HashData(body)), ProviderFixture.Str(echo.GetProperty("oauth"), "body_hash"));
        Assert.True(echo.GetProperty("oauth").GetProperty("body_hash_valid").GetBoolean());
    }
}
