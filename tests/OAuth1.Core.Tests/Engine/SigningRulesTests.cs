using System.Net.Http.Headers;
using System.Text;
using OAuth1.Tests.Support;

namespace OAuth1.Tests.Engine;

/// <summary>The rules of RFC 5849 section 3, one at a time, through the public signing API.</summary>
public class SigningRulesTests
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

    private static async Task<string> BaseStringOf(HttpRequestMessage request, OAuth1Options? options = null) =>
        (await OAuth1Signer.ComputeSignatureAsync(request, options ?? Options())).BaseString;

    private static string ParametersOf(string baseString) => Uri.UnescapeDataString(baseString.Split('&')[2]);

    [Fact]
    public async Task Query_is_read_as_form_data_each_value_decoded_once()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/a?b5=%3D%253D&plus=a+b&flag&empty=&dup=2&dup=1");

        string parameters = ParametersOf(await BaseStringOf(request));

        Assert.StartsWith("b5=%3D%253D&dup=1&dup=2&empty=&flag=&oauth_", parameters, StringComparison.Ordinal);
        Assert.EndsWith("&plus=a%20b", parameters, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("Application/X-WWW-Form-URLEncoded; charset=ISO-8859-1")]
    [InlineData("application/x-www-form-urlencoded;charset=utf-8")]
    public async Task Form_body_is_signed_whatever_the_letter_case_and_charset(string contentType)
    {
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Get, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, "https://api.example.com/a")
            {
                Content = new ByteArrayContent(Encoding.ASCII.GetBytes("z=last&a=1+2")),
            };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

            string parameters = ParametersOf(await BaseStringOf(request));

            Assert.StartsWith("a=1%202&oauth_", parameters, StringComparison.Ordinal);
            Assert.EndsWith("&z=last", parameters, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_body_that_is_not_a_form_is_not_signed(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/a")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("a=1")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        string parameters = ParametersOf(await BaseStringOf(request));

        Assert.DoesNotContain("a=1", parameters, StringComparison.Ordinal);
        Assert.DoesNotContain("oauth_body_hash", parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_hash_covers_the_exact_bytes_of_a_non_form_body_and_is_never_sent_with_a_form()
    {
        var options = Options(o => o.IncludeBodyHash = true);
        byte[] xml = Encoding.UTF8.GetBytes("<imsx_POXEnvelopeRequest>é</imsx_POXEnvelopeRequest>");
        using var lti = new HttpRequestMessage(HttpMethod.Post, "https://lms.example.com/outcomes") { Content = new ByteArrayContent(xml) };
        lti.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        using var form = new HttpRequestMessage(HttpMethod.Post, "https://lms.example.com/launch") { Content = new FormUrlEncodedContent([new("a", "b")]) };
        using var empty = new HttpRequestMessage(HttpMethod.Get, "https://lms.example.com/");

        var ltiResult = await OAuth1Signer.ComputeSignatureAsync(lti, options);
        var formResult = await OAuth1Signer.ComputeSignatureAsync(form, options);
        var emptyResult = await OAuth1Signer.ComputeSignatureAsync(empty, options);

        Assert.Contains(new KeyValuePair<string, string>("oauth_body_hash", Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(xml))), ltiResult.ProtocolParameters);
        Assert.DoesNotContain(formResult.ProtocolParameters, p => p.Key == "oauth_body_hash");
        Assert.Contains(new KeyValuePair<string, string>("oauth_body_hash", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="), emptyResult.ProtocolParameters);
    }

    [Fact]
    public async Task Base_string_uri_keeps_the_path_as_escaped_on_the_wire()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "HTTPS://User:Pw@API.Example.COM:443/a%2Fb/c%20d/caf%C3%A9/~x?q=1#frag");

        string baseString = await BaseStringOf(request);

        Assert.StartsWith("GET&https%3A%2F%2Fapi.example.com%2Fa%252Fb%2Fc%2520d%2Fcaf%25C3%25A9%2F~x&", baseString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://[::1]:8080/x", "http://[::1]:8080/x")]
    [InlineData("http://[2001:DB8::1]/x", "http://[2001:db8::1]/x")]
    [InlineData("https://example.com:8443", "https://example.com:8443/")]
    [InlineData("http://example.com:443/", "http://example.com:443/")]
    public void Base_string_uri_keeps_ports_that_are_not_the_default_and_ipv6_brackets(string uri, string expected)
    {
        Assert.Equal(expected, OAuth1SignatureBaseString.GetBaseStringUri(new Uri(uri)));
    }

    [Fact]
    public async Task Realm_is_a_quoted_string_in_the_header_and_never_signed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/customer");
        var withRealm = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.Realm = "123456_SB1 \"q\" \\"));
        var withoutRealm = await OAuth1Signer.ComputeSignatureAsync(request, Options());

        Assert.Equal(withoutRealm.BaseString, withRealm.BaseString);
        Assert.StartsWith("OAuth realm=\"123456_SB1 \\\"q\\\" \\\\\", oauth_nonce=", withRealm.AuthorizationHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_or_body_parameter_named_realm_is_an_ordinary_signed_parameter()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/?realm=q")
        {
            Content = new FormUrlEncodedContent([new("realm", "b")]),
        };

        string parameters = ParametersOf(await BaseStringOf(request, Options(o => o.Realm = "header-realm")));

        Assert.EndsWith("&realm=b&realm=q", parameters, StringComparison.Ordinal);
        Assert.DoesNotContain("header-realm", parameters, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_is_sent_by_default_and_can_be_left_out()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        Assert.Contains("oauth_version%3D1.0", await BaseStringOf(request), StringComparison.Ordinal);
        Assert.DoesNotContain("oauth_version", await BaseStringOf(request, Options(o => o.IncludeVersion = false)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_legged_signing_sends_no_token_and_keys_with_an_empty_token_secret()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        var result = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.TokenCredentials = null));

        Assert.DoesNotContain(result.ProtocolParameters, p => p.Key == "oauth_token");
        Assert.Equal(
            Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(Encoding.ASCII.GetBytes("secret&"), Encoding.ASCII.GetBytes(result.BaseString))),
            result.Signature);
    }

    [Fact]
    public async Task Callback_verifier_and_extra_protocol_parameters_are_sent_and_signed()
    {
        var options = Options(o =>
        {
            o.Callback = "https://app.example.com/cb?x=1";
            o.Verifier = "v 1";
            o.ExtraProtocolParameters["oauth_session_handle"] = "h&1";
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/oauth/access_token");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, options);

        Assert.Contains("oauth_callback%3Dhttps%253A%252F%252Fapp.example.com%252Fcb%253Fx%253D1", result.BaseString, StringComparison.Ordinal);
        Assert.Contains("oauth_verifier%3Dv%25201", result.BaseString, StringComparison.Ordinal);
        Assert.Contains("oauth_session_handle%3Dh%25261", result.BaseString, StringComparison.Ordinal);
        Assert.Contains("oauth_session_handle=\"h%261\"", result.AuthorizationHeader, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oauth_nonce")]
    [InlineData("oauth_consumer_key")]
    [InlineData("oauth_signature")]
    public async Task A_request_parameter_that_clashes_with_a_generated_one_is_an_error(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://api.example.com/?{name}=x");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options()));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Equal($"https://api.example.com/?{name}=x", request.RequestUri!.AbsoluteUri);
        Assert.Null(request.Headers.Authorization);
    }

    [Theory]
    [InlineData("oauth_nonce")]
    [InlineData("oauth_signature")]
    [InlineData("not_oauth")]
    public async Task An_extra_protocol_parameter_that_clashes_or_is_not_oauth_is_an_error(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, Options(o => o.ExtraProtocolParameters[name] = "x")));
        Assert.Contains($"ExtraProtocolParameters['{name}']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Default_nonce_is_128_random_bits_and_fresh_each_time()
    {
        var options = new OAuth1Options { ConsumerKey = "k", ConsumerSecret = "s" };
        var nonces = new HashSet<string>();
        for (int i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
            var result = await OAuth1Signer.ComputeSignatureAsync(request, options);
            string nonce = result.ProtocolParameters.Single(p => p.Key == "oauth_nonce").Value;
            Assert.Matches("^[0-9a-f]{32}$", nonce);
            nonces.Add(nonce);
        }

        Assert.Equal(50, nonces.Count);
    }

    [Fact]
    public async Task Timestamp_comes_from_the_time_provider_truncated_to_whole_seconds()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_318_622_958_999));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        var result = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.TimeProvider = clock));
        Assert.Contains(new KeyValuePair<string, string>("oauth_timestamp", "1318622958"), result.ProtocolParameters);
    }

    [Fact]
    public async Task Plaintext_over_http_is_refused_unless_the_caller_opts_in()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://api.discogs.com/oauth/identity");
        var options = Options(o => o.SignatureMethod = OAuth1SignatureMethod.Plaintext);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => OAuth1Signer.SignAsync(request, options));
        Assert.Contains("AllowPlaintextOverHttp", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-secret", error.Message, StringComparison.Ordinal);

        options.AllowPlaintextOverHttp = true;
        await OAuth1Signer.SignAsync(request, options);
        Assert.Contains("oauth_signature=\"secret%26token-secret\"", request.Headers.Authorization!.ToString(), StringComparison.Ordinal);

        using var https = new HttpRequestMessage(HttpMethod.Get, "https://api.discogs.com/oauth/identity");
        await OAuth1Signer.SignAsync(https, Options(o => o.SignatureMethod = OAuth1SignatureMethod.Plaintext));
    }

    [Fact]
    public async Task A_per_request_token_wins_over_the_options_token()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");
        request.Options.Set(OAuth1RequestOptions.Token, new OAuth1Token("other", "other-secret"));

        var result = await OAuth1Signer.ComputeSignatureAsync(request, Options());

        Assert.Contains(new KeyValuePair<string, string>("oauth_token", "other"), result.ProtocolParameters);
        Assert.Equal(
            Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(Encoding.ASCII.GetBytes("secret&other-secret"), Encoding.ASCII.GetBytes(result.BaseString))),
            result.Signature);
        Assert.Equal("OAuth1.Token", OAuth1RequestOptions.TokenKeyName);
    }

    [Fact]
    public async Task Signing_again_replaces_the_previous_signature_in_every_placement()
    {
        int n = 0;
        foreach (var location in Enum.GetValues<OAuth1SignatureLocation>())
        {
            var options = Options(o =>
            {
                o.SignatureLocation = location;
                o.NonceGenerator = () => "nonce" + n++;
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.com/a?q=1") { Content = new FormUrlEncodedContent([new("b", "2")]) };

            await OAuth1Signer.SignAsync(request, options);
            await OAuth1Signer.SignAsync(request, options);

            string all = request.RequestUri!.AbsoluteUri + (await request.Content!.ReadAsStringAsync()) + request.Headers.Authorization;
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(all, "oauth_nonce"));
            Assert.Contains("nonce" + (n - 1), all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Custom_signature_methods_sign_with_their_function()
    {
        var method = OAuth1SignatureMethod.Create("UPPER", (baseString, consumerSecret, tokenSecret) => $"{baseString.Length}:{consumerSecret}:{tokenSecret}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.SignatureMethod = method));

        Assert.Equal($"{result.BaseString.Length}:secret:token-secret", result.Signature);
        Assert.Contains("oauth_signature_method%3DUPPER", result.BaseString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rsa_key_from_a_certificate_signs_and_its_public_key_verifies()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var certificateRequest = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Xero private app", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = certificateRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.xero.com/api.xro/2.0/Contacts");

        var result = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha1(certificate)));

        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        Assert.True(OAuth1SignatureMethod.RsaSha1(publicOnly).Verify(Encoding.ASCII.GetBytes(result.BaseString), result.Signature, "", ""));
    }

    [Fact]
    public async Task Rsa_key_from_pkcs8_pem_signs_like_the_same_key_from_pkcs1_pem()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/");

        var pkcs1 = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha256(rsa.ExportRSAPrivateKeyPem())));
        var pkcs8 = await OAuth1Signer.ComputeSignatureAsync(request, Options(o => o.SignatureMethod = OAuth1SignatureMethod.RsaSha256(rsa.ExportPkcs8PrivateKeyPem())));

        Assert.Equal(pkcs1.Signature, pkcs8.Signature);
    }
}
