using System.Net;
using System.Text;
using OAuth1Gen.Provider;

namespace OAuth1.Flow.Tests;

/// <summary>Token endpoints that refuse or answer something that is not a token.</summary>
public sealed class TokenEndpointErrorTests : IClassFixture<ProviderFixture>
{
    private readonly ProviderFixture _fixture;

    public TokenEndpointErrorTests(ProviderFixture fixture) => _fixture = fixture;

    private EmbeddedProvider Provider => _fixture.Provider;

    [Fact]
    public async Task WrongConsumerSecret_Gives401_WithOAuthProblemAndAdvice_AndNoSecret()
    {
        const string wrongSecret = "this-is-the-wrong-secret";
        using var session = new OAuth1Session(DemoAccounts.ConsumerKey, wrongSecret);

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
        Assert.Equal("signature_invalid", problem.Problem);
        Assert.False(string.IsNullOrEmpty(problem.ProblemAdvice));
        Assert.Equal(Provider.RequestTokenUrl, problem.Endpoint);
        Assert.Contains("401", problem.Message);
        Assert.Contains("oauth_problem=signature_invalid", problem.Message);
        Assert.Contains(problem.ProblemAdvice!, problem.Message);
        Assert.DoesNotContain(wrongSecret, problem.Message);
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, problem.Message);
        Assert.IsAssignableFrom<OAuth1Exception>(problem);
        Assert.Null(session.Token);
    }

    [Fact]
    public async Task UnknownConsumerKey_Gives401_ConsumerKeyUnknown()
    {
        using var session = new OAuth1Session("nobody", "secret");

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
        Assert.Equal("consumer_key_unknown", problem.Problem);
    }

    [Fact]
    public async Task PlaintextOverHttp_RefusedByTheClient_BeforeAnythingIsSent()
    {
        using var session = new OAuth1Session(new OAuth1Options
        {
            ConsumerKey = DemoAccounts.ConsumerKey,
            ConsumerSecret = DemoAccounts.ConsumerSecret,
            SignatureMethod = OAuth1SignatureMethod.Plaintext,
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));
        Assert.DoesNotContain(DemoAccounts.ConsumerSecret, refused.Message);
    }

    [Fact]
    public async Task ServerError500WithHtml_GivesTheStatusAndAtMost1KBOfTheBody()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.ServerErrorHtml);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Equal(HttpStatusCode.InternalServerError, problem.StatusCode);
        Assert.Null(problem.Problem);
        Assert.Null(problem.ProblemReport);
        Assert.Empty(problem.ProblemParameters);
        Assert.StartsWith("text/html", problem.ContentType);
        Assert.StartsWith("<!DOCTYPE html>", problem.ResponseBody);
        Assert.EndsWith("[truncated]", problem.ResponseBody);
        string quoted = problem.ResponseBody[..^"[truncated]".Length].TrimEnd();
        Assert.InRange(Encoding.UTF8.GetByteCount(quoted), 900, 1024);
        Assert.Contains("500", problem.Message);
        Assert.Contains("Something went wrong", problem.Message);
        Assert.True(problem.Message.Length < 1400, $"The message is {problem.Message.Length} characters long.");
        Assert.DoesNotContain(consumer.Secret, problem.Message);
    }

    [Fact]
    public async Task EmptyBody200_GivesAClearMessage()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.EmptyBody);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        var invalid = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("empty body", invalid.Message);
        Assert.Contains("oauth_token", invalid.Message);
        Assert.Empty(invalid.ReceivedFields);
        Assert.Null(session.Token);
    }

    [Fact]
    public async Task HtmlPage200_GivesAClearMessage()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.HtmlPage);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        var invalid = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Contains("HTML page", invalid.Message);
        Assert.StartsWith("text/html", invalid.ContentType);
    }

    [Fact]
    public async Task Json200_IsReadAsAToken_ThroughTheWholeFlow()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.Json);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        OAuth1Token access = await _fixture.RunFlowAsync(session);

        Assert.Equal("1001", access["user_id"]);
        Assert.Equal("0", access["x_auth_expires"]);
        using HttpResponseMessage user = await session.GetAsync(Provider.UserUrl);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task MissingTokenSecret_GivesAClearMessage_NotKeyNotFound()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.MissingTokenSecret);
        using OAuth1Session session = ProviderFixture.SessionFor(consumer);

        var invalid = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() => session.FetchRequestTokenAsync(Provider.RequestTokenUrl));

        Assert.Contains("without 'oauth_token_secret'", invalid.Message);
        Assert.Contains("oauth_token", invalid.ReceivedFields);
        Assert.Contains("oauth_callback_confirmed", invalid.ReceivedFields);
    }

    [Fact]
    public async Task CallbackNotConfirmed_IsRefused_UnlessRelaxedForOAuth10()
    {
        ProviderConsumer consumer = _fixture.AddConsumer(TokenEndpointBehavior.CallbackNotConfirmed);
        using OAuth1Session strict = ProviderFixture.SessionFor(consumer);

        var invalid = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() => strict.FetchRequestTokenAsync(Provider.RequestTokenUrl));
        Assert.Contains("oauth_callback_confirmed=true", invalid.Message);
        Assert.Contains("RequireOAuth10a", invalid.Message);
        Assert.Null(strict.Token);

        using OAuth1Session relaxed = ProviderFixture.SessionFor(consumer);
        relaxed.RequireOAuth10a = false;
        OAuth1Token token = await relaxed.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        Assert.False(token.CallbackConfirmed);
        Assert.Same(token, relaxed.Token);
    }

    [Fact]
    public async Task AccessTokenEndpoint_RefusingAnUnapprovedToken_GivesPermissionUnknown_AndClearsTheVerifier()
    {
        using OAuth1Session session = _fixture.DemoSession();
        session.RedirectUri = ProviderFixture.Callback;
        OAuth1Token requestToken = await session.FetchRequestTokenAsync(Provider.RequestTokenUrl);
        // A callback that looks right, but the user never approved.
        session.ParseAuthorizationResponse($"{ProviderFixture.Callback}&oauth_token={requestToken.Token}&oauth_verifier=made-up");
        Assert.Equal("made-up", session.Verifier);

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync(Provider.AccessTokenUrl));

        Assert.Equal("permission_unknown", problem.Problem);
        Assert.Null(session.Verifier);
        Assert.Same(requestToken, session.Token);
    }

    // ---- Parsing details, with a canned answer instead of the provider --------------------------------------------

    [Fact]
    public async Task ProblemReport_IsReadFromAFormBodyWithExtraFields()
    {
        using var session = new OAuth1Session(
            new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "consumer-secret-value" },
            new CapturingHandler("oauth_problem=timestamp_refused&oauth_acceptable_timestamps=100-200&oauth_problem_advice=Check%20your%20clock", "text/plain", HttpStatusCode.BadRequest));

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync("https://provider.example/request_token?api_key=abc"));

        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("timestamp_refused", problem.Problem);
        Assert.Equal("Check your clock", problem.ProblemAdvice);
        Assert.Equal("100-200", problem.ProblemParameters["oauth_acceptable_timestamps"]);
        Assert.Equal("100-200", problem.ProblemReport!.AcceptableTimestamps);
        Assert.Equal(HttpStatusCode.BadRequest, problem.ProblemReport.StatusCode);
        Assert.Equal("https://provider.example/request_token", problem.Endpoint);
        Assert.DoesNotContain("api_key", problem.Message);
    }

    [Fact]
    public async Task ProblemReport_IsReadFromTheWwwAuthenticateHeader()
    {
        var handler = new CapturingHandler(_ =>
        {
            HttpResponseMessage response = CapturingHandler.Answer(HttpStatusCode.Unauthorized, "Unauthorized", "text/plain");
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "OAuth realm=\"Photos\", oauth_problem=\"token_expired\"");
            return response;
        });
        using var session = new OAuth1Session(new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s", Token = "t", TokenSecret = "ts" }, handler);

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync("https://provider.example/access_token", "v"));

        Assert.Equal("token_expired", problem.Problem);
        Assert.Equal("Unauthorized", problem.ResponseBody);
    }

    [Fact]
    public async Task ProblemReport_InAJsonBody_IsRead()
    {
        using var session = new OAuth1Session(
            new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" },
            new CapturingHandler("{\"oauth_problem\":\"consumer_key_rejected\",\"oauth_problem_advice\":\"Suspended\"}", "application/json", HttpStatusCode.Forbidden));

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync("https://provider.example/rt"));

        Assert.Equal(HttpStatusCode.Forbidden, problem.StatusCode);
        Assert.Equal("consumer_key_rejected", problem.Problem);
        Assert.Equal("Suspended", problem.ProblemAdvice);
    }

    [Fact]
    public async Task ProblemIn2xxAnswer_IsAProblem_NotAToken()
    {
        using var session = new OAuth1Session(
            new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" },
            new CapturingHandler("oauth_problem=permission_denied"));

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchRequestTokenAsync("https://provider.example/rt"));

        Assert.Equal(HttpStatusCode.OK, problem.StatusCode);
        Assert.Equal("permission_denied", problem.Problem);
    }

    [Fact]
    public async Task SecretsEchoedByAProvider_AreRemovedFromTheMessageAndBody()
    {
        const string consumerSecret = "consumer+secret/value";
        const string tokenSecret = "token-secret-value";
        // A careless provider echoing a PLAINTEXT signature (the encoded secrets) and the raw secrets.
        string echoed = $"oauth_problem=signature_invalid&oauth_problem_advice=got%20{Uri.EscapeDataString(OAuth1PercentEncoding.Encode(consumerSecret) + "&" + tokenSecret)}&raw={consumerSecret}";
        using var session = new OAuth1Session(
            new OAuth1Options { ConsumerKey = "k", ConsumerSecret = consumerSecret, Token = "t", TokenSecret = tokenSecret },
            new CapturingHandler(echoed, FormUrlEncoding.MediaType, HttpStatusCode.Unauthorized));

        var problem = await Assert.ThrowsAsync<OAuth1ProblemException>(() => session.FetchAccessTokenAsync("https://provider.example/at", "v"));

        foreach (string text in new[] { problem.Message, problem.ResponseBody, problem.ProblemAdvice!, problem.ToString() })
        {
            Assert.DoesNotContain(consumerSecret, text);
            Assert.DoesNotContain(OAuth1PercentEncoding.Encode(consumerSecret), text);
            Assert.DoesNotContain(OAuth1PercentEncoding.Encode(OAuth1PercentEncoding.Encode(consumerSecret)), text);
            Assert.DoesNotContain(tokenSecret, text);
        }

        Assert.Contains("(hidden)", problem.ResponseBody);
        Assert.Contains("(hidden)", problem.ProblemReport!.BodyExcerpt);
    }

    [Fact]
    public async Task JsonToken_WithNumbersAndBooleans_IsRead()
    {
        using var session = new OAuth1Session(
            new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" },
            new CapturingHandler("{\"oauth_token\":\"t1\",\"oauth_token_secret\":\"s1\",\"oauth_callback_confirmed\":true,\"user_id\":12345,\"extra\":null}", "application/json; charset=utf-8"));

        OAuth1Token token = await session.FetchRequestTokenAsync("https://provider.example/rt");

        Assert.True(token.CallbackConfirmed);
        Assert.Equal("12345", token["user_id"]);
        Assert.Null(token["extra"]);
    }

    [Theory]
    [InlineData("[1,2]", "application/json", "not an object")]
    [InlineData("{\"oauth_token\":", "application/json", "not an object")]
    [InlineData("oauth_token_secret=x&user_id=1", "text/plain", "without 'oauth_token'")]
    [InlineData("   ", "text/plain", "empty body")]
    [InlineData("<html><body>Login</body></html>", "text/plain", "HTML page")]
    public async Task UnusableAnswers_GiveInvalidTokenResponse(string body, string contentType, string expected)
    {
        using var session = new OAuth1Session(new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" }, new CapturingHandler(body, contentType));

        var invalid = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() => session.FetchRequestTokenAsync("https://provider.example/rt"));

        Assert.Contains(expected, invalid.Message);
        Assert.DoesNotContain("=x", invalid.Message);
    }
}
