using System.Net;
using System.Net.Http.Json;
using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Http;

/// <summary><see cref="OAuth1Handler"/> against a real Kestrel server on 127.0.0.1 that verifies every request.</summary>
public sealed class OAuth1HandlerTests : IAsyncLifetime
{
    private LoopbackSigningServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackSigningServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static IEnumerable<object[]> MethodsAndPlacements()
    {
        foreach (string method in new[] { "HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", "PLAINTEXT" })
        {
            foreach (var location in Enum.GetValues<OAuth1SignatureLocation>())
            {
                yield return [method, location];
            }
        }
    }

    private OAuth1Options Options(string method = "HMAC-SHA1", OAuth1SignatureLocation location = OAuth1SignatureLocation.Header) => new()
    {
        ConsumerKey = LoopbackSigningServer.ConsumerKey,
        ConsumerSecret = LoopbackSigningServer.ConsumerSecret,
        Token = "user-1",
        TokenSecret = "secret-1",
        SignatureLocation = location,
        AllowPlaintextOverHttp = true,
        AllowPlaintextInQuery = true,
        SignatureMethod = method switch
        {
            "RSA-SHA1" => OAuth1SignatureMethod.RsaSha1(_server.RsaKey),
            "RSA-SHA256" => OAuth1SignatureMethod.RsaSha256(_server.RsaKey),
            "RSA-SHA512" => OAuth1SignatureMethod.RsaSha512(_server.RsaKey),
            _ => OAuth1SignatureMethod.FromName(method),
        },
    };

    private HttpClient Client(OAuth1Options options, HttpMessageHandler? outer = null)
    {
        var signing = new OAuth1Handler(options, new SocketsHttpHandler { AllowAutoRedirect = false });
        HttpMessageHandler top = signing;
        if (outer is DelegatingHandler delegating)
        {
            delegating.InnerHandler = signing;
            top = delegating;
        }

        return new HttpClient(top) { BaseAddress = _server.BaseAddress };
    }

    [Theory]
    [MemberData(nameof(MethodsAndPlacements))]
    public async Task Every_method_and_placement_verifies_on_the_server(string method, OAuth1SignatureLocation location)
    {
        using var client = Client(Options(method, location));
        using var content = new FormUrlEncodedContent([new("status", "Hello Ladies + Gentlemen, a signed OAuth request! ✓"), new("a", "")]);

        using var post = await client.PostAsync("statuses/update.json?include_entities=true&x=%2F", content);
        using var get = await client.GetAsync("timeline?count=2&flag&q=caf%C3%A9");

        var posted = await LoopbackSigningServer.ReadEchoAsync(post);
        var got = await LoopbackSigningServer.ReadEchoAsync(get);
        Assert.True(posted.Valid, posted.Failure);
        Assert.True(got.Valid, got.Failure);
        Assert.Equal(method, posted.SignatureMethod);
        Assert.Equal(location == OAuth1SignatureLocation.Header, posted.Authorization is not null);
        Assert.Equal(location == OAuth1SignatureLocation.Query, posted.RawTarget.Contains("oauth_signature=", StringComparison.Ordinal));
        Assert.Equal(location == OAuth1SignatureLocation.Body, posted.Body.Contains("oauth_signature=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Protocol_parameters_are_never_sent_twice()
    {
        foreach (var location in Enum.GetValues<OAuth1SignatureLocation>())
        {
            using var client = Client(Options(location: location));
            using var response = await client.PostAsync("x?a=1", new FormUrlEncodedContent([new("b", "2")]));
            var echo = await LoopbackSigningServer.ReadEchoAsync(response);
            string all = echo.RawTarget + "&" + echo.Body + "&" + echo.Authorization;
            Assert.Equal(1, CountOf(all, "oauth_nonce="));
            Assert.Equal(1, CountOf(all, "oauth_signature="));
        }
    }

    [Fact]
    public async Task A_json_body_is_not_signed_but_its_body_hash_is_when_asked()
    {
        var options = Options();
        options.IncludeBodyHash = true;
        using var client = Client(options);
        const string json = "{\"status\":\"hi\"}";

        using var response = await client.PostAsync("json", new StringContent(json, Encoding.UTF8, "application/json"));

        var echo = await LoopbackSigningServer.ReadEchoAsync(response);
        Assert.True(echo.Valid, echo.Failure);
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(json))), echo.BodyHash);
    }

    [Fact]
    public async Task A_retry_outside_the_handler_is_re_signed_with_a_fresh_nonce()
    {
        foreach (var location in Enum.GetValues<OAuth1SignatureLocation>())
        {
            using var client = Client(Options(location: location), new RetryOnceHandler());
            string key = "retry-" + location;

            using var response = await client.PostAsync($"flaky/{key}?q=1", new FormUrlEncodedContent([new("b", "2")]));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var attempts = _server.Received.Where(e => e.RawTarget.StartsWith($"/flaky/{key}", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, attempts.Count);
            Assert.All(attempts, a => Assert.True(a.Valid, a.Failure));
            Assert.NotEqual(attempts[0].Nonce, attempts[1].Nonce);
            Assert.All(attempts, a => Assert.Equal(1, CountOf(a.RawTarget + "&" + a.Body + "&" + a.Authorization, "oauth_signature=")));
        }
    }

    [Fact]
    public async Task One_hundred_concurrent_requests_through_one_handler_all_verify()
    {
        using var client = Client(Options());

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"concurrent/{i}?i={i}") { Content = new FormUrlEncodedContent([new("i", i.ToString())]) };
            request.Options.Set(OAuth1RequestOptions.Token, new OAuth1Token($"user-{i}", $"secret-{i}"));
            using var response = await client.SendAsync(request);
            return await LoopbackSigningServer.ReadEchoAsync(response);
        }));

        Assert.All(responses, r => Assert.True(r.Valid, r.Failure));
        Assert.Equal(100, responses.Select(r => r.Nonce).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"user-{i}").Order(), responses.Select(r => r.Token!).Order());
    }

    [Fact]
    public async Task Swapping_the_token_while_requests_are_in_flight_never_mixes_token_and_secret()
    {
        var options = Options();
        using var client = Client(options);
        using var cancel = new CancellationTokenSource();
        var swapper = Task.Run(() =>
        {
            for (int n = 0; !cancel.IsCancellationRequested; n++)
            {
                options.TokenCredentials = new OAuth1Token($"user-{n % 7}", $"secret-{n % 7}");
            }
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await client.GetAsync($"swap/{i}");
            return await LoopbackSigningServer.ReadEchoAsync(response);
        }));
        cancel.Cancel();
        await swapper;

        Assert.All(responses, r => Assert.True(r.Valid, r.Failure));
    }

    [Fact]
    public async Task Synchronous_send_is_signed()
    {
        using var client = Client(Options(location: OAuth1SignatureLocation.Body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "sync?x=1") { Content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("a=1&b=2"))) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = client.Send(request);

        var echo = await LoopbackSigningServer.ReadEchoAsync(response);
        Assert.True(echo.Valid, echo.Failure);
        Assert.StartsWith("a=1&b=2&oauth_", echo.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(301, "GET")]
    [InlineData(302, "POST")]
    [InlineData(303, "POST")]
    [InlineData(307, "POST")]
    [InlineData(308, "PUT")]
    public async Task A_same_origin_redirect_is_followed_and_re_signed(int status, string method)
    {
        using var client = Client(Options());
        using var request = new HttpRequestMessage(new HttpMethod(method), $"redirect/{status}?to=/target/{status}%3Fq%3D1")
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent([new("body", "1")]),
        };

        using var response = await client.SendAsync(request);

        var echo = await LoopbackSigningServer.ReadEchoAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(echo.Valid, echo.Failure);
        Assert.Equal($"/target/{status}?q=1", echo.RawTarget);
        bool keepsMethod = status is 307 or 308;
        Assert.Equal(keepsMethod || method == "GET" ? method : "GET", echo.Method);
        Assert.Equal(keepsMethod ? "body=1" : "", echo.Body);
    }

    [Fact]
    public async Task A_cross_origin_redirect_goes_back_to_the_caller_unsigned_unless_allowed()
    {
        await using var other = await LoopbackSigningServer.StartAsync();
        var target = new Uri(other.BaseAddress, "elsewhere");
        using var client = Client(Options());

        using var response = await client.GetAsync($"redirect/302?to={Uri.EscapeDataString(target.AbsoluteUri)}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(target, response.Headers.Location);
        Assert.Empty(other.Received);

        var allowing = Options();
        allowing.AllowCrossOriginRedirects = true;
        using var allowingClient = Client(allowing);
        using var followed = await allowingClient.GetAsync($"redirect/302?to={Uri.EscapeDataString(target.AbsoluteUri)}");
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.True(Assert.Single(other.Received).Valid);
    }

    [Fact]
    public async Task Handler_without_inner_handler_works_in_a_pipeline_built_by_the_caller()
    {
        var handler = new OAuth1Handler(Options());
        Assert.Null(handler.InnerHandler);
        handler.InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _server.BaseAddress };

        var echo = await client.GetFromJsonAsync<LoopbackSigningServer.EchoResult>("plain");

        Assert.True(echo!.Valid, echo.Failure);
    }

    private static int CountOf(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;

    /// <summary>A retry handler placed outside the signer, as resilience handlers are: it re-sends the same request.</summary>
    private sealed class RetryOnceHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            response.Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
