using System.Net;
using System.Net.Http.Headers;
using OAuth1.Refit.Tests.Infrastructure;

namespace OAuth1.Refit.Tests;

using global::Refit;

/// <summary>The provider's <c>oauth_problem</c> surfaces through Refit's errors.</summary>
public sealed class ProblemTests(OAuth1TestServer server) : IClassFixture<OAuth1TestServer>
{
    [Fact]
    public async Task GetOAuthProblem_OnAPlainApiException_ReadsTheProblemAndAdvice()
    {
        IEchoApi api = Clients.WithoutServices(server);

        var ex = await Assert.ThrowsAsync<ApiException>(() => api.Problem());

        OAuth1Problem? problem = ex.GetOAuthProblem();
        Assert.NotNull(problem);
        Assert.Equal("token_rejected", problem!.Problem);
        Assert.Equal("The token was revoked", problem.Advice);
        Assert.Equal("oauth_problem=token_rejected", problem.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, problem.StatusCode);
    }

    [Fact]
    public async Task UseOAuth1Exceptions_ThrowsAnOAuth1ProblemApiException_ThatIsStillAnApiException()
    {
        IEchoApi api = Clients.WithoutServices(server, settings: new RefitSettings().UseOAuth1Exceptions());

        ApiException ex = await Assert.ThrowsAnyAsync<ApiException>(() => api.Problem());

        var oauth = Assert.IsType<OAuth1ProblemApiException>(ex);
        Assert.Equal("token_rejected", oauth.Problem);
        Assert.Equal("The token was revoked", oauth.Advice);
        Assert.Same(oauth.ProblemReport, oauth.GetOAuthProblem());
        Assert.Equal(HttpStatusCode.Unauthorized, oauth.StatusCode);
        Assert.Contains("oauth_problem=token_rejected", oauth.Message, StringComparison.Ordinal);
        Assert.NotNull(oauth.Content);
        Assert.Equal("application/x-www-form-urlencoded", oauth.ContentHeaders?.ContentType?.MediaType);
        foreach (string secret in new[] { OAuth1TestServer.ConsumerSecret, OAuth1TestServer.User.TokenSecret, "oauth_signature" })
        {
            Assert.DoesNotContain(secret, oauth.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, oauth.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UseOAuth1Exceptions_WithDependencyInjection_ApiResponseErrorIsAnOAuth1ProblemApiException()
    {
        var (api, services) = Clients.FromServices(server, o => o.ConsumerSecret = "wrong", settings: new RefitSettings().UseOAuth1Exceptions());
        await using var _ = services;

        using ApiResponse<Echo> response = await api.GetApiResponse();

        Assert.False(response.IsSuccessful);
        var oauth = Assert.IsType<OAuth1ProblemApiException>(response.Error);
        Assert.Equal("signature_invalid", oauth.Problem);
        Assert.Equal("signature_invalid", response.GetOAuthProblem()?.Problem);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    public async Task AResponseWithoutAProblem_StaysAPlainApiException_WithNoProblem(int status)
    {
        IEchoApi api = Clients.WithoutServices(server, settings: new RefitSettings().UseOAuth1Exceptions());

        ApiException ex = await Assert.ThrowsAnyAsync<ApiException>(() => api.Status(status));

        Assert.IsNotType<OAuth1ProblemApiException>(ex);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Null(ex.GetOAuthProblem());
    }

    [Fact]
    public async Task UseOAuth1Exceptions_KeepsAnExistingCustomFactory()
    {
        var settings = new RefitSettings
        {
            ExceptionFactory = response => ValueTask.FromResult<Exception?>(
                response.StatusCode == HttpStatusCode.NotFound ? new KeyNotFoundException("custom") : null),
        }.UseOAuth1Exceptions();
        IEchoApi api = Clients.WithoutServices(server, settings: settings);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => api.Status(404));
        Echo echo = await api.Get();

        Assert.Equal("GET", echo.Method);
    }

    [Fact]
    public void Parse_ReadsThePercentEncodedChallengeHeader()
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("OAuth", "realm=\"x\", oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"100-200\", oauth_problem_advice=\"clock%20skew\""));

        OAuth1Problem? problem = OAuth1Problem.Parse(response.StatusCode, response.Headers, contentHeaders: null, content: null);

        Assert.NotNull(problem);
        Assert.Equal("timestamp_refused", problem!.Problem);
        Assert.Equal("clock skew", problem.Advice);
        Assert.Equal("100-200", problem.Parameters["oauth_acceptable_timestamps"]);
        Assert.Equal("100-200", problem.AcceptableTimestamps);
        Assert.False(problem.Parameters.ContainsKey("realm"));
    }

    [Theory]
    [InlineData("oauth_problem=nonce_used", "nonce_used")]
    [InlineData("  oauth_problem=parameter_absent&oauth_parameters_absent=oauth_nonce\n", "parameter_absent")]
    [InlineData("error=1&oauth_problem=consumer_key_unknown", "consumer_key_unknown")]
    [InlineData("{\"oauth_problem\":\"json_is_read\"}", "json_is_read")]
    [InlineData("<html>oauth_problem=html</html>", null)]
    [InlineData("something else", null)]
    [InlineData("", null)]
    public void Parse_ReadsAFormEncodedOrJsonBody_WithoutAContentType(string body, string? expected)
    {
        Assert.Equal(expected, OAuth1Problem.Parse(HttpStatusCode.BadRequest, headers: null, contentHeaders: null, body)?.Problem);
    }

    [Fact]
    public void Parse_TheHeaderWinsOverTheBody()
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("OAuth", "oauth_problem=\"token_expired\""));

        OAuth1Problem? problem = OAuth1Problem.Parse(response.StatusCode, response.Headers, contentHeaders: null, "oauth_problem=token_rejected&oauth_problem_advice=from%20body");

        Assert.Equal("token_expired", problem?.Problem);
        Assert.Equal("from body", problem?.Advice);
    }

    [Fact]
    public void SafeProblemCode_KeepsMessagesFreeOfWhateverTheProviderPutInTheCode()
    {
        OAuth1Problem problem = OAuth1Problem.Parse(HttpStatusCode.BadRequest, null, null, "oauth_problem=" + Uri.EscapeDataString("bad\r\nSet-Cookie: x") + new string('a', 100))!;

        Assert.Equal("oauth_problem=bad??Set-Cookie??x" + new string('a', 64 - "bad??Set-Cookie??x".Length), problem.ToString());
    }
}
