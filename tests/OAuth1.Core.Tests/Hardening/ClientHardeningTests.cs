using System.Buffers;
using System.Net;
using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Hardening;

/// <summary>Issue 10, defects 2, 3, 6 and 9: careless or hostile input on the client side.</summary>
public class ClientHardeningTests
{
    private static OAuth1Options Options(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "key", ConsumerSecret = "consumer-secret-x", Token = "token", TokenSecret = "token-secret-y" };
        configure?.Invoke(options);
        return options;
    }

    // Defect 3: CR, LF or NUL in anything that reaches a header is refused at configuration or before sending.
    [Theory]
    [InlineData("Photos\r\nX-Evil: 1")]
    [InlineData("Photos\nX-Evil: 1")]
    [InlineData("Photos\0")]
    public void A_realm_callback_or_verifier_with_a_line_break_is_refused_when_set(string value)
    {
        var options = new OAuth1Options();
        Assert.Throws<ArgumentException>(() => options.Realm = value);
        Assert.Throws<ArgumentException>(() => options.Callback = value);
        Assert.Throws<ArgumentException>(() => options.Verifier = value);
        Assert.Throws<ArgumentException>(() => new OAuth1RequestParameters { Realm = value });
        Assert.Throws<ArgumentException>(() => new OAuth1RequestParameters { Callback = value });
        Assert.Throws<ArgumentException>(() => new OAuth1RequestParameters { SessionHandle = value });
        Assert.Throws<ArgumentException>(() => OAuth1AuthorizationHeader.Format([new("oauth_nonce", "n")], value));
        Assert.Null(options.Realm);
    }

    [Fact]
    public async Task An_extra_parameter_with_a_line_break_is_refused_before_anything_is_sent()
    {
        var transport = new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));
        using var invoker = new HttpMessageInvoker(new OAuth1Handler(Options(o => o.ExtraProtocolParameters["oauth_scope"] = "read\r\nX-Evil: 1"), transport));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.Contains("ExtraProtocolParameters['oauth_scope']", error.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public void A_generated_client_header_value_with_a_line_break_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        Assert.Throws<ArgumentException>(() => OAuth1ClientRuntime.AddHeader(request, "X-Note", "a\r\nX-Evil: 1"));
        Assert.False(request.Headers.Contains("X-Note"));
    }

    // Defect 9: PLAINTEXT in the query puts both secrets in the URL.
    [Fact]
    public async Task PLAINTEXT_in_the_query_is_refused_unless_the_caller_opts_in()
    {
        OAuth1Options options = Options(o =>
        {
            o.SignatureMethod = OAuth1SignatureMethod.Plaintext;
            o.SignatureLocation = OAuth1SignatureLocation.Query;
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, options));
        Assert.Contains("in the URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPlaintextInQuery", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("consumer-secret-x", error.Message, StringComparison.Ordinal);
        Assert.Equal("https://api.example.com/", request.RequestUri!.AbsoluteUri);

        options.AllowPlaintextInQuery = true;
        await OAuth1Signer.SignAsync(request, options);
        Assert.Contains("oauth_signature=consumer-secret-x%26token-secret-y", request.RequestUri!.Query, StringComparison.Ordinal);
    }

    // Defect 2: a token answer that contradicts itself.
    [Theory]
    [InlineData("oauth_token=a&oauth_token_secret=s&oauth_token=", "application/x-www-form-urlencoded")]
    [InlineData("oauth_token=a&oauth_token_secret=s&oauth_token_secret=t", "application/x-www-form-urlencoded")]
    [InlineData("{\"oauth_token\":\"a\",\"oauth_token_secret\":\"s\",\"oauth_token\":\"b\"}", "application/json")]
    public async Task A_token_answer_with_a_field_twice_with_different_values_is_not_a_token(string body, string contentType)
    {
        var client = TokenClient(body, contentType);

        var error = await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() =>
            client.FetchAccessTokenAsync(new Uri("https://provider.example/access"), new OAuth1Token("rt", "rts"), "v"));

        Assert.Contains("twice, with different values", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("rts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_callback_confirmation_that_says_false_and_true_does_not_count()
    {
        var client = TokenClient("oauth_token=a&oauth_token_secret=s&oauth_callback_confirmed=false&oauth_callback_confirmed=true", "application/x-www-form-urlencoded");

        await Assert.ThrowsAsync<OAuth1InvalidTokenResponseException>(() =>
            client.FetchRequestTokenAsync(new Uri("https://provider.example/request"), "https://app.example/cb"));
    }

    [Fact]
    public async Task The_same_field_twice_with_the_same_value_is_accepted()
    {
        var client = TokenClient("oauth_token=a&oauth_token_secret=s&oauth_token=a", "application/x-www-form-urlencoded");

        OAuth1Token token = await client.FetchAccessTokenAsync(new Uri("https://provider.example/access"), new OAuth1Token("rt", "rts"), "v");

        Assert.Equal("a", token.Token);
    }

    [Fact]
    public async Task Transport_errors_and_cancellation_are_not_wrapped()
    {
        var failing = new OAuth1TokenEndpointClient(
            new HttpClient(new ScriptedHandler((_, _) => throw new HttpRequestException("connection refused"))),
            Options());
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.FetchRequestTokenAsync(new Uri("https://provider.example/request"), "oob"));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TokenClient("oauth_token=a&oauth_token_secret=s", FormUrlEncoding.MediaType).FetchRequestTokenAsync(new Uri("https://provider.example/request"), "oob", cancellationToken: cancelled.Token));
    }

    // Defect 6: buffers that held a secret go back to the pool cleared.
    [Fact]
    public async Task Signing_with_PLAINTEXT_leaves_no_secret_in_the_shared_array_pool()
    {
        OAuth1Options options = Options(o => o.SignatureMethod = OAuth1SignatureMethod.Plaintext);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/")
        {
            Content = new FormUrlEncodedContent([new("x_auth_password", "pass-word-z")]),
        };

        await OAuth1Signer.SignAsync(request, options);

        // The pool hands the arrays this thread just returned back first.
        byte[][] rented = [.. Enumerable.Range(0, 8).Select(i => ArrayPool<byte>.Shared.Rent(256 << (i % 4)))];
        try
        {
            foreach (byte[] array in rented)
            {
                foreach (string secret in new[] { "consumer-secret-x", "token-secret-y", "pass-word-z" })
                {
                    Assert.True(array.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) < 0, $"'{secret}' left in a pooled array of {array.Length} bytes");
                }
            }
        }
        finally
        {
            foreach (byte[] array in rented)
            {
                ArrayPool<byte>.Shared.Return(array);
            }
        }
    }

    private static OAuth1TokenEndpointClient TokenClient(string body, string contentType) =>
        new(new HttpClient(new ScriptedHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, contentType) })), Options());
}
