using OAuth1.Tests.Support;
using System.Net.Http.Headers;
using System.Text;

namespace OAuth1.Tests.Engine;

/// <summary>
/// The one signing path: a function of the unsigned request, the credentials with the attempt's token and the
/// request's own protocol inputs; the preview runs the same code without applying it.
/// </summary>
public class SigningPathTests
{
    private static OAuth1Options Options(Action<OAuth1Options>? configure = null)
    {
        var options = new OAuth1Options
        {
            ConsumerKey = "key",
            ConsumerSecret = "secret",
            Token = "token",
            TokenSecret = "token-secret",
            TimeProvider = FixedClock.At(1_700_000_000),
            NonceGenerator = () => "nonce",
        };
        configure?.Invoke(options);
        return options;
    }

    private static string? Param(OAuth1SignatureResult result, string name) =>
        result.ProtocolParameters.Where(p => p.Key == name).Select(p => p.Value).SingleOrDefault();

    [Fact]
    public async Task Request_parameters_are_sent_with_that_request_only()
    {
        OAuth1Options options = Options();
        using var withInputs = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/token");
        withInputs.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters
        {
            Callback = "https://app.example/cb",
            Verifier = "v-1",
            SessionHandle = "handle",
            Realm = "Photos",
            ExtraProtocolParameters = new Dictionary<string, string> { ["oauth_scope"] = "read" },
        });
        using var plain = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/token");

        OAuth1SignatureResult signed = await OAuth1Signer.ComputeSignatureAsync(withInputs, options);
        OAuth1SignatureResult other = await OAuth1Signer.ComputeSignatureAsync(plain, options);

        Assert.Equal("https://app.example/cb", Param(signed, "oauth_callback"));
        Assert.Equal("v-1", Param(signed, "oauth_verifier"));
        Assert.Equal("handle", Param(signed, "oauth_session_handle"));
        Assert.Equal("read", Param(signed, "oauth_scope"));
        Assert.StartsWith("OAuth realm=\"Photos\", ", signed.AuthorizationHeader, StringComparison.Ordinal);
        Assert.Contains("oauth_verifier%3Dv-1", signed.BaseString, StringComparison.Ordinal);
        Assert.Null(Param(other, "oauth_callback"));
        Assert.Null(Param(other, "oauth_verifier"));
        Assert.Null(Param(other, "oauth_session_handle"));
        Assert.DoesNotContain("realm", other.AuthorizationHeader, StringComparison.Ordinal);
        Assert.Null(options.Callback);
        Assert.Null(options.Verifier);
    }

    [Fact]
    public async Task Request_parameters_win_over_the_same_values_in_the_options()
    {
        OAuth1Options options = Options(o =>
        {
            o.Callback = "https://options.example/cb";
            o.Realm = "from-options";
            o.ExtraProtocolParameters["oauth_scope"] = "options";
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        request.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters
        {
            Callback = "https://request.example/cb",
            Realm = "from-request",
            ExtraProtocolParameters = new Dictionary<string, string> { ["oauth_scope"] = "request" },
        });

        OAuth1SignatureResult result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Equal("https://request.example/cb", Param(result, "oauth_callback"));
        Assert.Equal("request", Param(result, "oauth_scope"));
        Assert.Single(result.ProtocolParameters, p => p.Key == "oauth_scope");
        Assert.StartsWith("OAuth realm=\"from-request\"", result.AuthorizationHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutToken_signs_without_a_token_whatever_the_options_and_the_request_token_say()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/request_token");
        request.Options.Set(OAuth1RequestOptions.Token, new OAuth1Token("per-request", "per-request-secret"));
        request.Options.Set(OAuth1RequestOptions.RequestParameters, new OAuth1RequestParameters { WithoutToken = true });

        OAuth1SignatureResult result = await OAuth1Signer.ComputeSignatureAsync(request, Options());

        Assert.Null(Param(result, "oauth_token"));
        using var expected = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/request_token");
        OAuth1SignatureResult twoLegged = await OAuth1Signer.ComputeSignatureAsync(expected, Options(o => o.TokenCredentials = null));
        Assert.Equal(twoLegged.Signature, result.Signature);
    }

    [Fact]
    public async Task The_request_token_wins_over_the_options_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        request.Options.Set(OAuth1RequestOptions.Token, new OAuth1Token("per-request", "per-request-secret"));

        OAuth1SignatureResult result = await OAuth1Signer.ComputeSignatureAsync(request, Options());

        Assert.Equal("per-request", Param(result, "oauth_token"));
        using var expected = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        OAuth1SignatureResult direct = await OAuth1Signer.ComputeSignatureAsync(expected, Options(o => o.TokenCredentials = new OAuth1Token("per-request", "per-request-secret")));
        Assert.Equal(direct.Signature, result.Signature);
    }

    public static TheoryData<string> Refusals() => ["compressed form", "body placement of JSON", "PLAINTEXT over http"];

    /// <summary>The preview used to skip checks that signing makes, and could describe a request that signing refuses.</summary>
    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task The_preview_refuses_what_signing_refuses(string refusal)
    {
        (HttpRequestMessage request, OAuth1Options options) = refusal switch
        {
            "compressed form" => (FormPost("https://api.example.com/", gzip: true), Options()),
            "body placement of JSON" => (JsonPost(), Options(o => o.SignatureLocation = OAuth1SignatureLocation.Body)),
            _ => (new HttpRequestMessage(HttpMethod.Get, "http://api.example.com/"), Options(o => o.SignatureMethod = OAuth1SignatureMethod.Plaintext)),
        };
        using (request)
        {
            var signing = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, options));
            var preview = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.ComputeSignatureAsync(request, options));
            Assert.Equal(signing.Message, preview.Message);
        }
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Header)]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task The_preview_computes_what_signing_sends(OAuth1SignatureLocation location)
    {
        OAuth1Options options = Options(o => o.SignatureLocation = location);
        using HttpRequestMessage request = FormPost("https://api.example.com/statuses?count=2");

        OAuth1SignatureResult preview = await OAuth1Signer.ComputeSignatureAsync(request, options);
        await OAuth1Signer.SignAsync(request, options);

        string sent = location switch
        {
            OAuth1SignatureLocation.Header => request.Headers.Authorization!.ToString(),
            OAuth1SignatureLocation.Query => request.RequestUri!.Query,
            _ => await request.Content!.ReadAsStringAsync(),
        };
        Assert.Contains(OAuth1PercentEncoding.Encode(preview.Signature), sent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OAuth1SignatureLocation.Query)]
    [InlineData(OAuth1SignatureLocation.Body)]
    public async Task Signing_again_starts_from_the_unsigned_request(OAuth1SignatureLocation location)
    {
        int nonce = 0;
        OAuth1Options options = Options(o =>
        {
            o.SignatureLocation = location;
            o.NonceGenerator = () => "n" + ++nonce;
        });
        using HttpRequestMessage request = FormPost("https://api.example.com/statuses?count=2");

        await OAuth1Signer.SignAsync(request, options);
        await OAuth1Signer.SignAsync(request, options);

        string query = request.RequestUri!.Query;
        string body = await request.Content!.ReadAsStringAsync();
        string where = location == OAuth1SignatureLocation.Query ? query : body;
        Assert.Single(FormUrlEncoding.Parse(where.TrimStart('?')), p => p.Key == "oauth_nonce" && p.Value == "n2");
        Assert.DoesNotContain("n1", where, StringComparison.Ordinal);
        Assert.Equal("?count=2", location == OAuth1SignatureLocation.Query ? query[..8] : query);
        Assert.StartsWith("status=hi", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_signature_is_replaced_by_a_header_signature_from_the_unsigned_uri()
    {
        using HttpRequestMessage request = FormPost("https://api.example.com/statuses?count=2");
        await OAuth1Signer.SignAsync(request, Options(o => o.SignatureLocation = OAuth1SignatureLocation.Query));

        await OAuth1Signer.SignAsync(request, Options());

        Assert.Equal("https://api.example.com/statuses?count=2", request.RequestUri!.AbsoluteUri);
        Assert.StartsWith("OAuth ", request.Headers.Authorization!.ToString(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage FormPost(string url, bool gzip = false)
    {
        byte[] body = Encoding.ASCII.GetBytes("status=hi");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    private static HttpRequestMessage JsonPost() =>
        new(HttpMethod.Post, "https://api.example.com/") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
}
