using System.Net;
using System.Text;

namespace OAuth1.Flow.Tests;

/// <summary>What OAuth1Session sends and how it reads callbacks, against a canned inner handler.</summary>
public sealed class SessionTests
{
    private const string ConsumerKey = "client-key";
    private const string ConsumerSecret = "client-secret";
    private const string RequestTokenAnswer = "oauth_token=rt1&oauth_token_secret=rts1&oauth_callback_confirmed=true";
    private const string AccessTokenAnswer = "oauth_token=at1&oauth_token_secret=ats1&user_id=7&screen_name=ann&oauth_session_handle=h1";

    private static (OAuth1Session Session, CapturingHandler Handler) Create(string answer, OAuth1SignatureLocation placement = OAuth1SignatureLocation.Header)
    {
        var handler = new CapturingHandler(answer);
        var session = new OAuth1Session(new OAuth1Options { ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret, SignatureLocation = placement }, handler);
        return (session, handler);
    }

    /// <summary>Checks a captured request with a real verifier, knowing the client's secrets.</summary>
    private static async Task AssertValidSignatureAsync(CapturedRequest captured, string? token = null, string? tokenSecret = null)
    {
        var store = new FakeCredentialStore().AddConsumer(ConsumerKey, ConsumerSecret);
        if (token is not null)
        {
            store.AddToken(ConsumerKey, token, tokenSecret!);
        }

        var verifier = new OAuth1RequestVerifier(store);
        OAuth1VerificationResult result = await verifier.VerifyAsync(captured.Request);
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public void Constructor_ChecksItsArguments()
    {
        Assert.ThrowsAny<ArgumentException>(() => new OAuth1Session("", "s"));
        Assert.Throws<ArgumentException>(() => new OAuth1Session("k", "s", null, "secret-without-token"));
        Assert.Throws<ArgumentNullException>(() => new OAuth1Session(null!, null));

        using var session = new OAuth1Session("k", "s", "t", "ts");
        Assert.Equal("t", session.Token!.Token);
        Assert.Equal("ts", session.Token.TokenSecret);
        Assert.DoesNotContain("ts", session.Token.ToString().Replace("TokenSecret", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void RedirectUri_IsSessionState_NotStoredInTheSharedOptions_AndOobWhenUnset()
    {
        using var session = new OAuth1Session("k", "s");
        Assert.Equal("oob", session.RedirectUri);

        session.RedirectUri = "https://app.example/cb";
        Assert.Equal("https://app.example/cb", session.RedirectUri);
        Assert.Null(session.Options.Callback);
        Assert.Null(session.Options.Verifier);
        session.RedirectUri = null;
        Assert.Equal("oob", session.RedirectUri);
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Header)]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task FetchRequestToken_PostsTheCallback_RealmAndExtras_WithoutAnOldToken(OAuth1SignatureLocation placement)
    {
        var (session, handler) = Create(RequestTokenAnswer, placement);
        using (session)
        {
            session.Token = new OAuth1Token("old-token", "old-secret");
            session.RedirectUri = "https://app.example/cb?x=1&y=a b";

            OAuth1Token token = await session.FetchRequestTokenAsync(
                "https://provider.example/request_token",
                realm: placement == OAuth1SignatureLocation.Header ? "Photos" : null,
                extraParameters: [new("x_auth_access_type", "read"), new("oauth_custom", "c1")]);

            Assert.Equal("rt1", token.Token);
            Assert.Same(token, session.Token);
            CapturedRequest sent = Assert.Single(handler.Requests);
            Assert.Equal("POST", sent.Request.Method);
            Assert.Equal("https://app.example/cb?x=1&y=a b", sent["oauth_callback"]);
            Assert.Null(sent["oauth_token"]);
            Assert.Null(sent["oauth_verifier"]);
            Assert.Equal("c1", sent["oauth_custom"]);
            Assert.Equal("read", sent["x_auth_access_type"]);
            Assert.True(sent.Request.HasFormBody);
            Assert.Contains("x_auth_access_type=read", Encoding.UTF8.GetString(sent.Request.Body.Span));
            if (placement == OAuth1SignatureLocation.Header)
            {
                Assert.Equal("Photos", sent["(realm)"]);
                Assert.Contains("oauth_custom=\"c1\"", sent.Request.AuthorizationHeader);
            }

            await AssertValidSignatureAsync(sent);
            Assert.Null(session.Options.Realm);
            Assert.Empty(session.Options.ExtraProtocolParameters);
        }
    }

    [Fact]
    public async Task FetchAccessToken_SendsTheStoredVerifierWithTheRequestToken_ThenClearsIt()
    {
        var (session, handler) = Create(AccessTokenAnswer);
        using (session)
        {
            session.RedirectUri = "https://app.example/cb";
            session.Token = OAuth1Token.FromDictionary([new("oauth_token", "rt1"), new("oauth_token_secret", "rts1")]);
            OAuth1AuthorizationResponse response = session.ParseAuthorizationResponse("https://app.example/cb?oauth_token=rt1&oauth_verifier=v%2B1");
            Assert.Equal("v+1", response.Verifier);
            Assert.Equal("v+1", session.Verifier);

            OAuth1Token access = await session.FetchAccessTokenAsync("https://provider.example/access_token");

            CapturedRequest sent = Assert.Single(handler.Requests);
            Assert.Equal("POST", sent.Request.Method);
            Assert.Equal("rt1", sent["oauth_token"]);
            Assert.Equal("v+1", sent["oauth_verifier"]);
            Assert.Null(sent["oauth_callback"]);
            await AssertValidSignatureAsync(sent, "rt1", "rts1");
            Assert.Equal("at1", access.Token);
            Assert.Equal("ann", access["screen_name"]);
            Assert.Same(access, session.Token);
            Assert.Null(session.Verifier);
        }
    }

    [Fact]
    public async Task FetchAccessToken_WithAnExplicitVerifier_UsesIt()
    {
        var (session, handler) = Create(AccessTokenAnswer);
        using (session)
        {
            session.Token = new OAuth1Token("rt1", "rts1");

            await session.FetchAccessTokenAsync("https://provider.example/access_token", "1234567");

            Assert.Equal("1234567", Assert.Single(handler.Requests)["oauth_verifier"]);
        }
    }

    [Fact]
    public async Task FetchAccessToken_WithoutTokenOrVerifier_SaysWhatIsMissing()
    {
        var (session, handler) = Create(AccessTokenAnswer);
        using (session)
        {
            var noToken = await Assert.ThrowsAsync<InvalidOperationException>(() => session.FetchAccessTokenAsync("https://provider.example/at", "v"));
            Assert.Contains("request token", noToken.Message);

            session.Token = new OAuth1Token("rt1", "rts1");
            var noVerifier = await Assert.ThrowsAsync<InvalidOperationException>(() => session.FetchAccessTokenAsync("https://provider.example/at"));
            Assert.Contains("verifier", noVerifier.Message);
            Assert.Empty(handler.Requests);

            session.RequireOAuth10a = false;
            await session.FetchAccessTokenAsync("https://provider.example/at");
            Assert.Null(Assert.Single(handler.Requests)["oauth_verifier"]);
        }
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Header)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task XAuth_PutsTheCredentialsInTheSignedFormBody_WithoutAToken(OAuth1SignatureLocation placement)
    {
        var (session, handler) = Create(AccessTokenAnswer, placement);
        using (session)
        {
            session.Token = new OAuth1Token("stale", "stale-secret");

            OAuth1Token access = await session.FetchAccessTokenWithXAuthAsync("https://provider.example/access_token", "ann", "p&ss word");

            CapturedRequest sent = Assert.Single(handler.Requests);
            Assert.Equal("ann", sent["x_auth_username"]);
            Assert.Equal("p&ss word", sent["x_auth_password"]);
            Assert.Equal("client_auth", sent["x_auth_mode"]);
            Assert.Null(sent["oauth_token"]);
            Assert.Null(sent["oauth_callback"]);
            Assert.Null(sent.Request.Uri.Query.Length > 1 && sent.Request.Uri.Query.Contains("x_auth", StringComparison.Ordinal) ? "in the query" : null);
            await AssertValidSignatureAsync(sent);
            Assert.Same(access, session.Token);
        }
    }

    [Fact]
    public async Task Refresh_SendsTheSessionHandleAsAProtocolParameter_AndKeepsItWhenNotRenewed()
    {
        var (session, handler) = Create("oauth_token=at2&oauth_token_secret=ats2");
        using (session)
        {
            session.Token = OAuth1Token.FromDictionary([new("oauth_token", "at1"), new("oauth_token_secret", "ats1"), new("oauth_session_handle", "h1")]);

            OAuth1Token refreshed = await session.RefreshAccessTokenAsync("https://provider.example/access_token");

            CapturedRequest sent = Assert.Single(handler.Requests);
            Assert.Equal("h1", sent["oauth_session_handle"]);
            Assert.Contains("oauth_session_handle=\"h1\"", sent.Request.AuthorizationHeader);
            Assert.Equal("at1", sent["oauth_token"]);
            await AssertValidSignatureAsync(sent, "at1", "ats1");
            Assert.Equal("at2", refreshed.Token);
            Assert.Equal("h1", refreshed["oauth_session_handle"]);
            Assert.Empty(session.Options.ExtraProtocolParameters);

            // Later requests do not carry the handle.
            using HttpResponseMessage later = await session.GetAsync("https://provider.example/resource");
            Assert.Null(handler.Requests[^1]["oauth_session_handle"]);
            Assert.Equal("at2", handler.Requests[^1]["oauth_token"]);
        }
    }

    [Fact]
    public void CreateAuthorizationUrl_KeepsTheQueryAndFragment_AndEncodesEveryValue()
    {
        using var session = new OAuth1Session("k", "s", "r t/1+", "x");

        Assert.Equal(
            "https://provider.example/authorize?lang=en&oauth_token=r%20t%2F1%2B&force_login=true&screen_name=%C3%A9%26x#top",
            session.CreateAuthorizationUrl("https://provider.example/authorize?lang=en#top", extraParameters: [new("force_login", "true"), new("screen_name", "é&x")]));
        Assert.Equal(
            "https://provider.example/authorize?oauth_token=given",
            session.CreateAuthorizationUrl("https://provider.example/authorize", "given"));
        Assert.Equal(
            "https://provider.example/authorize?a=1&oauth_token=given",
            session.CreateAuthorizationUrl("https://provider.example/authorize?a=1&", "given"));
        Assert.Throws<ArgumentException>(() => session.CreateAuthorizationUrl("/authorize"));

        using var empty = new OAuth1Session("k", "s");
        Assert.Throws<InvalidOperationException>(() => empty.CreateAuthorizationUrl("https://provider.example/authorize"));
    }

    [Theory]
    [InlineData("https://app.example/cb?error=access_denied&error_description=No", "access_denied")]
    [InlineData("https://app.example/cb?oauth_problem=user_refused", "user_refused")]
    [InlineData("https://app.example/cb?denied=rt1", "denied")]
    [InlineData("https://app.example/cb", null)]
    [InlineData("https://app.example/cb?oauth_verifier=v", null)]
    public void ParseAuthorizationResponse_TurnsDenialsIntoTheDeniedException(string url, string? error)
    {
        using var session = new OAuth1Session("k", "s", "rt1", "rts1");

        var denied = Assert.Throws<OAuth1AuthorizationDeniedException>(() => session.ParseAuthorizationResponse(url));

        Assert.Equal(error, denied.Error);
        Assert.Null(session.Verifier);
    }

    [Fact]
    public void ParseAuthorizationResponse_ChecksTheTokenAndTheVerifier()
    {
        using var session = new OAuth1Session("k", "s", "rt1", "rts1");

        var mismatch = Assert.Throws<OAuth1CallbackMismatchException>(() => session.ParseAuthorizationResponse("https://app.example/cb?oauth_token=other&oauth_verifier=v"));
        Assert.Equal("rt1", mismatch.ExpectedToken);
        Assert.Equal("other", mismatch.ReceivedToken);

        Assert.Throws<OAuth1Exception>(() => session.ParseAuthorizationResponse("https://app.example/cb?oauth_token=rt1"));
        session.RequireOAuth10a = false;
        Assert.Null(session.ParseAuthorizationResponse("https://app.example/cb?oauth_token=rt1").Verifier);

        // The query alone, with a fragment and extra parameters.
        OAuth1AuthorizationResponse response = session.ParseAuthorizationResponse("?state=s1&oauth_token=rt1&oauth_verifier=v%201#frag");
        Assert.Equal("v 1", response.Verifier);
        Assert.Equal("s1", response["state"]);
        Assert.Equal("v 1", session.Verifier);

        using var noToken = new OAuth1Session("k", "s");
        Assert.Throws<InvalidOperationException>(() => noToken.ParseAuthorizationResponse("https://app.example/cb?oauth_token=rt1&oauth_verifier=v"));
    }

    [Fact]
    public async Task RelativeEndpoints_UseTheBaseAddress()
    {
        var (session, handler) = Create(RequestTokenAnswer);
        using (session)
        {
            session.BaseAddress = new Uri("https://provider.example/oauth/");

            await session.FetchRequestTokenAsync("request_token");

            Assert.Equal("https://provider.example/oauth/request_token", Assert.Single(handler.Requests).Request.Uri.AbsoluteUri);
        }

        using var without = new OAuth1Session("k", "s");
        await Assert.ThrowsAsync<ArgumentException>(() => without.FetchRequestTokenAsync("request_token"));
    }

    [Fact]
    public async Task SameOriginRedirect_OfATokenEndpoint_IsFollowedAndReSigned()
    {
        var handler = new CapturingHandler(request => request.RequestUri!.AbsolutePath == "/old"
            ? new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("/new", UriKind.Relative) } }
            : CapturingHandler.Answer(HttpStatusCode.OK, RequestTokenAnswer));
        using var session = new OAuth1Session(new OAuth1Options { ConsumerKey = ConsumerKey, ConsumerSecret = ConsumerSecret }, handler);
        session.RedirectUri = "https://app.example/cb";

        OAuth1Token token = await session.FetchRequestTokenAsync("https://provider.example/old");

        Assert.Equal("rt1", token.Token);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("https://app.example/cb", handler.Requests[1]["oauth_callback"]);
        Assert.NotEqual(handler.Requests[0]["oauth_nonce"], handler.Requests[1]["oauth_nonce"]);
        await AssertValidSignatureAsync(handler.Requests[1]);
    }

    [Fact]
    public async Task Dispose_DisposesTheInnerHandler_UnlessToldNotTo()
    {
        var owned = new TrackingHandler();
        new OAuth1Session(new OAuth1Options { ConsumerKey = "k" }, owned).Dispose();
        Assert.True(owned.Disposed);

        var shared = new TrackingHandler();
        using (var session = new OAuth1Session(new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" }, shared, disposeInnerHandler: false))
        {
            using HttpResponseMessage response = await session.GetAsync("https://provider.example/");
        }

        Assert.False(shared.Disposed);
        using var reuse = new HttpClient(shared, disposeHandler: false);
        using HttpResponseMessage again = await reuse.GetAsync("https://provider.example/");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private sealed class TrackingHandler : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
