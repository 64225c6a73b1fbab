using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Engine;

/// <summary>Bad input gets a typed error that says what was wrong, leaves the request untouched, and shows no secret.</summary>
public class BadInputTests
{
    private const string ConsumerSecret = "consumer-SECRET-value";
    private const string TokenSecret = "token-SECRET-value";

    private static OAuth1Options Options(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options { ConsumerKey = "key", ConsumerSecret = ConsumerSecret, Token = "t", TokenSecret = TokenSecret };
        configure?.Invoke(options);
        return options;
    }

    private static void AssertNoSecret(Exception error)
    {
        Assert.DoesNotContain(ConsumerSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TokenSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Missing_consumer_key_is_named(string? consumerKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options(o => o.ConsumerKey = consumerKey)));
        Assert.Contains("OAuth1Options.ConsumerKey", error.Message, StringComparison.Ordinal);
        Assert.Null(request.Headers.Authorization);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Relative_uri_is_named()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/statuses/home_timeline.json");
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OAuth1Signer.SignAsync(request, Options()));
        Assert.Contains("relative", error.Message, StringComparison.Ordinal);
        Assert.Contains("/statuses/home_timeline.json", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Relative_uri_through_a_client_without_base_address_is_named()
    {
        using var client = new HttpClient(new OAuth1Handler(Options(), new SocketsHttpHandler()));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(new Uri("/x", UriKind.Relative)));
        Assert.True(error is ArgumentException or InvalidOperationException, error.GetType().Name);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Body_placement_with_a_json_body_is_refused_and_the_request_left_as_it_was()
    {
        using var content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/") { Content = content };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options(o => o.SignatureLocation = OAuth1SignatureLocation.Body)));

        Assert.Contains("application/json", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignatureLocation is Body", error.Message, StringComparison.Ordinal);
        Assert.Same(content, request.Content);
        Assert.Null(request.Headers.Authorization);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task Compressed_form_body_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/") { Content = new FormUrlEncodedContent([new("a", "b")]) };
        request.Content.Headers.ContentEncoding.Add("gzip");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options()));

        Assert.Contains("gzip", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error);
    }

    [Theory]
    [InlineData("HMAC-MD5")]
    [InlineData("")]
    public void Unknown_signature_method_name_is_named(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => OAuth1SignatureMethod.FromName(name));
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_method_by_name_asks_for_a_key()
    {
        var error = Assert.Throws<ArgumentException>(() => OAuth1SignatureMethod.FromName("RSA-SHA1"));
        Assert.Contains("RsaSha1(key)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nTUFMRk9STUVEIFNFQ1JFVCBLRVkgTUFURVJJQUw=\n-----END RSA PRIVATE KEY-----")]
    public void Malformed_pem_is_refused_without_echoing_it(string pem)
    {
        var error = Assert.Throws<ArgumentException>(() => OAuth1SignatureMethod.RsaSha1(pem));
        Assert.Equal("pem", error.ParamName);
        Assert.DoesNotContain("TUFMRk9STUVEIFNFQ1JFVCBLRVkgTUFURVJJQUw", error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public async Task Signing_with_a_public_rsa_key_says_it_cannot_sign()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        using var publicOnly = System.Security.Cryptography.RSA.Create();
        publicOnly.ImportSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha1(publicOnly))));

        Assert.Contains("RSA-SHA1", error.Message, StringComparison.Ordinal);
        Assert.Contains("no private part", error.Message, StringComparison.Ordinal);
        Assert.Null(request.Headers.Authorization);
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        var options = Options(o => o.Realm = "r");
        var token = new OAuth1Token("t", TokenSecret);
        Assert.DoesNotContain(ConsumerSecret, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TokenSecret, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(TokenSecret, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ConsumerSecret, new OAuth1ConsumerCredentials(ConsumerSecret).ToString(), StringComparison.Ordinal);
        Assert.Contains("key", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nonce_generator_that_returns_nothing_is_named()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options(o => o.NonceGenerator = () => "")));
        Assert.Contains("NonceGenerator", error.Message, StringComparison.Ordinal);
    }
}
