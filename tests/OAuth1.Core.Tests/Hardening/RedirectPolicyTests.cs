using System.Net;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Hardening;

/// <summary>Issue 10, defects 1 and 5: how <see cref="OAuth1Handler"/> follows redirects, and where it stops.</summary>
public class RedirectPolicyTests
{
    private static OAuth1Options Options(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "key", ConsumerSecret = "secret", Token = "token", TokenSecret = "token-secret" };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<(HttpResponseMessage Response, ScriptedHandler Transport)> SendAsync(
        OAuth1Options options, HttpRequestMessage request, Func<HttpRequestMessage, int, HttpResponseMessage> answer)
    {
        var transport = new ScriptedHandler(answer);
        using var invoker = new HttpMessageInvoker(new OAuth1Handler(options, transport));
        HttpResponseMessage response = await invoker.SendAsync(request, CancellationToken.None);
        return (response, transport);
    }

    [Fact]
    public async Task A_redirect_that_echoes_the_query_signature_is_signed_again_without_the_old_parameters()
    {
        OAuth1Options options = Options(o => o.SignatureLocation = OAuth1SignatureLocation.Query);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/photos?x=1");

        // A trailing-slash redirect that keeps the query as sent, oauth_* parameters included.
        (HttpResponseMessage response, ScriptedHandler transport) = await SendAsync(options, request, (sent, i) => i == 0
            ? ScriptedHandler.Redirect(HttpStatusCode.MovedPermanently, "/photos/" + sent.RequestUri!.Query)
            : new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, transport.Requests.Count);
        var second = FormUrlEncoding.Parse(transport.Requests[1].Uri.Query.TrimStart('?'));
        Assert.Equal("/photos/", transport.Requests[1].Uri.AbsolutePath);
        Assert.Single(second, p => p.Key == "x" && p.Value == "1");
        Assert.Single(second, p => p.Key == "oauth_nonce");
        Assert.Single(second, p => p.Key == "oauth_signature");
        Assert.NotEqual(
            transport.Requests[0].OAuthParameters.Single(p => p.Key == "oauth_nonce").Value,
            second.Single(p => p.Key == "oauth_nonce").Value);
    }

    [Fact]
    public async Task A_redirect_that_cannot_be_signed_is_returned_to_the_caller_not_thrown()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/photos");

        // The new Location carries an oauth_nonce of its own: signing it would send the parameter twice.
        (HttpResponseMessage response, ScriptedHandler transport) = await SendAsync(Options(), request, (_, _) =>
            ScriptedHandler.Redirect(HttpStatusCode.Found, "/elsewhere?oauth_nonce=planted"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task An_opted_in_cross_origin_redirect_drops_cookies_proxy_credentials_and_the_requests_own_protocol_inputs()
    {
        OAuth1Options options = Options(o => o.AllowCrossOriginRedirects = true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/start");
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0");
        request.Headers.Add("X-Trace", "t-1");
        request.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters { Verifier = "v-1", Callback = "https://app.example/cb" });

        (HttpResponseMessage response, ScriptedHandler transport) = await SendAsync(options, request, (_, i) => i == 0
            ? ScriptedHandler.Redirect(HttpStatusCode.TemporaryRedirect, "https://other.example/next")
            : new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        SeenRequest first = transport.Requests[0];
        SeenRequest second = transport.Requests[1];
        Assert.Contains(first.OAuthParameters, p => p.Key == "oauth_verifier");
        Assert.DoesNotContain(second.OAuthParameters, p => p.Key is "oauth_verifier" or "oauth_callback");
        Assert.False(second.Headers.ContainsKey("Cookie"));
        Assert.False(second.Headers.ContainsKey("Proxy-Authorization"));
        Assert.Equal("t-1", second.Headers["X-Trace"]);
        Assert.Equal("other.example", second.Uri.Host);
    }

    [Fact]
    public async Task A_same_origin_redirect_keeps_the_requests_own_protocol_inputs_and_cookies()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/token");
        request.Headers.Add("Cookie", "session=abc");
        request.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters { Verifier = "v-1" });

        (_, ScriptedHandler transport) = await SendAsync(Options(), request, (_, i) => i == 0
            ? ScriptedHandler.Redirect(HttpStatusCode.PermanentRedirect, "/token/v2")
            : new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Equal("v-1", transport.Requests[1].OAuthParameters.Single(p => p.Key == "oauth_verifier").Value);
        Assert.Equal("session=abc", transport.Requests[1].Headers["Cookie"]);
    }

    [Fact]
    public async Task PLAINTEXT_is_never_signed_again_for_another_origin()
    {
        OAuth1Options options = Options(o =>
        {
            o.AllowCrossOriginRedirects = true;
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/start");

        (HttpResponseMessage response, ScriptedHandler transport) = await SendAsync(options, request, (_, _) =>
            ScriptedHandler.Redirect(HttpStatusCode.Found, "https://attacker.example/collect"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Single(transport.Requests);
    }

    [Theory]
    [InlineData(false, false, 1)]
    [InlineData(true, false, 1)]
    [InlineData(true, true, 2)]
    public async Task An_https_to_http_downgrade_needs_its_own_opt_in(bool crossOrigin, bool downgrade, int expectedRequests)
    {
        OAuth1Options options = Options(o =>
        {
            o.AllowCrossOriginRedirects = crossOrigin;
            o.AllowHttpsToHttpRedirects = downgrade;
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/start");

        (_, ScriptedHandler transport) = await SendAsync(options, request, (_, i) => i == 0
            ? ScriptedHandler.Redirect(HttpStatusCode.Found, "http://api.example.com/start")
            : new HttpResponseMessage(HttpStatusCode.OK));

        Assert.Equal(expectedRequests, transport.Requests.Count);
    }
}
